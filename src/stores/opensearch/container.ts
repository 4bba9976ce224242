// OpenSearch under --provision docker (and docker-compose.yml's opensearch service, held equal to this by
// test/provision/compose-file.test.ts): one node, no security plugin, the heap the local node gets.
import type { ContainerRecipe } from '../container-recipe.js';

export const opensearchContainer: ContainerRecipe = {
  image: 'opensearchproject/opensearch:2.19.6',
  port: 9200,
  environment: {
    'discovery.type': 'single-node',
    DISABLE_SECURITY_PLUGIN: 'true',
    DISABLE_INSTALL_DEMO_CONFIG: 'true',
    OPENSEARCH_JAVA_OPTS: '-Xms512m -Xmx1g',
  },
  healthcheck: ['CMD', 'curl', '-fsS', 'http://127.0.0.1:9200/'],
  // OpenSearch's Docker documentation asks for this many open files.
  nofile: 65536,
  url: (host, port) => `http://${host}:${port}`,
};
