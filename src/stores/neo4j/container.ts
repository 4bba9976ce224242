// Neo4j under --provision docker (and docker-compose.yml's neo4j service, held equal to this by
// test/provision/compose-file.test.ts).
import type { ContainerRecipe } from '../container-recipe.js';

export const neo4jContainer: ContainerRecipe = {
  image: 'neo4j:5.26.31-community',
  port: 7687,
  // Authentication off, as the local server; memory kept modest for laptops (the local server uses 128m).
  environment: {
    NEO4J_AUTH: 'none',
    NEO4J_server_memory_pagecache_size: '256m',
    NEO4J_server_memory_heap_max__size: '1g',
  },
  // Over Bolt, the protocol the adapter uses; cypher-shell is on the image's PATH.
  healthcheck: ['CMD', 'cypher-shell', '-a', 'bolt://127.0.0.1:7687', 'RETURN 1'],
  url: (host, port) => `bolt://${host}:${port}`,
};
