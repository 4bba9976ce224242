// The graph's schema: users and products as nodes, follows, likes and purchases as edges. A purchase is one
// BOUGHT edge per (order, product), carrying what "recent purchases" and the audit need.
export const GRAPH_SCHEMA = [
  'CREATE NODE TABLE User(id INT64, PRIMARY KEY (id))',
  'CREATE NODE TABLE Product(id INT64, categoryId INT64, PRIMARY KEY (id))',
  'CREATE REL TABLE FOLLOWS(FROM User TO User)',
  'CREATE REL TABLE LIKED(FROM User TO Product)',
  'CREATE REL TABLE BOUGHT(FROM User TO Product, orderId STRING, quantity INT64, createdAt INT64)',
] as const;
