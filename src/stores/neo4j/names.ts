// Every name the store creates on the server, derived from its namespace. Labels and relationship types are matched
// exactly (never by prefix), so namespace "a" cannot touch the nodes of "a_b"; the constraint and index names end in
// distinct suffixes, so no two namespaces can produce the same one either.
export interface GraphNames {
  user: string;
  product: string;
  follows: string;
  liked: string;
  bought: string;
  userIdConstraint: string;
  productIdConstraint: string;
  boughtOrderIndex: string;
}

/** namespace: an identifier checked by neo4jSettings, so the names can go into Cypher unquoted. */
export function graphNames(namespace: string): GraphNames {
  return {
    user: `${namespace}_User`,
    product: `${namespace}_Product`,
    follows: `${namespace}_FOLLOWS`,
    liked: `${namespace}_LIKED`,
    bought: `${namespace}_BOUGHT`,
    userIdConstraint: `${namespace}_User_id_unique`,
    productIdConstraint: `${namespace}_Product_id_unique`,
    boughtOrderIndex: `${namespace}_BOUGHT_orderId`,
  };
}

/** The labels and relationship types the store owns: what clean-up deletes and whose schema it drops. */
export function ownedTokens(names: GraphNames): string[] {
  return [names.user, names.product, names.follows, names.liked, names.bought];
}
