/**
 * Function words dropped from the index and from queries, so that a question such as
 * "comment réinitialiser le mot de passe" is matched on its content words.
 *
 * Deliberately short: words that carry meaning in the other language are left out
 * ("comment", "car", "son", "plus", "été" — "ete" must find "été" the summer), as are
 * words that matter in support questions ("out", "off", "up", "down", "no", "not"). Single
 * letters other than "a", "i", "y" are kept ("c" and "r" are languages); French elisions
 * ("l'", "qu'") are removed by the tokenizer instead.
 */
export const englishStopWords: readonly string[] = (
  'a about am an and any are as at be been being but by can could did do does doing for from had has ' +
  'have having he her hers him his how i if in into is it its me my of on or our ours she should so ' +
  'some than that the their them then there these they this those to too us very was we were what ' +
  'when where which while who whom why will with would you your yours'
).split(' ');

export const frenchStopWords: readonly string[] = (
  'à ai aie as au aux avec avez avons ayant ça ce ceci cela celle celui ces cet cette dans de des ' +
  'donc dont du elle elles en es est et étaient était être eu eux il ils je la le les leur leurs ' +
  'lui ma mais me mes moi mon ne ni nos notre nous on ont ou où par pas pour que quel quelle ' +
  'quelles quels qui quoi sa se ses si sommes sont suis sur ta te tes toi ton tu un une vos ' +
  'votre vous y'
).split(' ');

/** French elided articles and pronouns: "l'installation" is indexed as "installation". */
export const frenchElisions: readonly string[] =
  'c d j l m n s t qu jusqu lorsqu puisqu quoiqu presqu quelqu'.split(' ');
