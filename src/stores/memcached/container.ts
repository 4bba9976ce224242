// Memcached under --provision docker (and docker-compose.yml's memcached service, held equal to this by
// test/provision/compose-file.test.ts).
import type { ContainerRecipe } from '../container-recipe.js';

export const memcachedContainer: ContainerRecipe = {
  image: 'memcached:1.6.45',
  port: 11211,
  environment: {},
  // The image ships no memcached client; bash's /dev/tcp speaks the text protocol's `version` command.
  healthcheck: [
    'CMD',
    'bash',
    '-c',
    'exec 3<>/dev/tcp/127.0.0.1/11211 && echo version >&3 && timeout 2 head -n 1 <&3 | grep -q VERSION',
  ],
  url: (host, port) => `memcached://${host}:${port}`,
};
