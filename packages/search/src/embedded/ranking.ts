/** Ranking parameters of the embedded engine, chosen on the training splits of the FAQ sets. */
export const ranking = {
  /** BM25+ (Lv & Zhai): term saturation, length normalisation, floor per matched term. */
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /**
   * Field weights. A reply carries its topic's title in `parentTitle`, weighted below the body,
   * so the topic itself outranks its replies on a title match and a reply is still found by the
   * title words it doesn't repeat.
   */
  fieldBoosts: { title: 2, tags: 2, body: 1, parentTitle: 0.6 },
  /**
   * Weight of a match through a stem, a completion or a correction, against the word itself.
   * `fuzzyUnknown` applies when the typed word is found nowhere: its correction is then most
   * likely what was meant, and weighing it like a guess lost half the questions with a typo.
   */
  weights: { exact: 1, stem: 0.9, prefix: 0.7, fuzzy: 0.4, fuzzyUnknown: 0.9 },
  /**
   * Questions (3 words or more) are re-ranked among their best `window` hits by BM25 (scaled to
   * the best one) plus `weight` × the trigram similarity of the question and the hit's title:
   * the same question asked in other words often shares word parts and word order that BM25
   * does not see ("unfriended" / "friend", "child care" / "childcare"). Plus `coverageWeight` ×
   * the share of the question's weight the hit holds (`coverage.ts`): BM25 lets a hit repeating
   * two of the words outrank one holding five, and an FAQ's answer usually holds most of them.
   */
  rerank: { window: 50, weight: 2.5, coverageWeight: 0.5 },
} as const;
