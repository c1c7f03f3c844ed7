/** Reaching into the live trees as a user does: a node by its label among its parent's children. */

export type TreeNode = { id: string; kind: string; label: string; path: Array<string | number> };

/** The child of `parent` (the root when undefined) labelled `label`; an error naming the labels there otherwise. */
export async function child(tree: any, parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const kids: TreeNode[] = await tree.getChildren(parent);
  const n = kids.find(k => k.label === label);
  if (!n) throw new Error(`${label} is not a child of ${parent?.label ?? 'the root'}: ${kids.map(k => k.label).join(', ')}`);
  return n;
}
