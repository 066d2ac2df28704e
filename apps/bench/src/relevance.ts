/** Search relevance on the labelled FAQ sets in ../shared/data (to be built). */
export async function relevanceCommand(_argv: string[]): Promise<number> {
  console.error('pnpm bench relevance: not implemented yet');
  return 2;
}
