// One wrapper per method of an object that talks to a store, made on first use: the timing wrapper and the
// fault gate both sit on every store call of the load generator, so neither makes a closure per call.
type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

export function wrapMethods<T extends object>(
  impl: T,
  wrap: (name: string, call: (args: unknown[]) => Promise<unknown>) => AsyncMethod,
): T {
  const target = impl as unknown as Record<string, unknown>;
  const wrapped = new Map<string, AsyncMethod>();
  return new Proxy(target, {
    get(obj, property, receiver) {
      const value = Reflect.get(obj, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      let method = wrapped.get(property);
      if (!method) {
        const original = value as AsyncMethod;
        method = wrap(property, (args) => original.apply(obj, args));
        wrapped.set(property, method);
      }
      return method;
    },
  }) as unknown as T;
}
