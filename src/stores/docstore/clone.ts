// Documents cross the store boundary as copies, both ways. A networked MongoDB serialises every document, so a
// caller can never alias what the store holds; sharing references here would make the embedded store
// unrealistically fast and let a caller's later mutation silently rewrite stored data.

export function cloneDocument<T>(value: T): T {
  return structuredClone(value);
}
