/** What the API feeds the search index: one searchable unit (topic opening post, reply, FAQ entry…). */
export interface SearchDocument {
  /** Unique across types, e.g. "post:42", "faq:7". */
  id: string;
  /** 'topic' (a topic's opening post, carries the title), 'post' (a reply), 'faq'… */
  type: string;
  /** The topic title. Replies carry their topic's title too; it ranks below a topic's own title. */
  title: string;
  /** Plain text: the caller strips markdown. */
  body: string;
  url: string;
  topicId?: number;
  postId?: number;
  categoryId?: number;
  locale?: 'en' | 'fr' | null;
  tags?: string[];
  solved?: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Likes etc.; only breaks ties between equally relevant hits. */
  popularity?: number;
}

export interface SearchQuery {
  q: string;
  /** Keep only these document types. An empty or missing list does not restrict. */
  types?: string[];
  /** Keep only these categories. An empty or missing list does not restrict. */
  categoryIds?: number[];
  /** Keep only documents whose locale is exactly this one. */
  locale?: 'en' | 'fr';
  /** true: only solved documents; false: only documents not marked solved. */
  solved?: boolean;
  /** Default 20, at most 100. */
  limit?: number;
  offset?: number;
  /**
   * Keep only the best-ranked hit of each topic (a document without a topic stands alone), among
   * the first 100 hits at most: a title match finds every reply of its thread, which carries the
   * title. `limit` and `offset` then count the hits kept, and `total` estimates them.
   */
  onePerTopic?: boolean;
}

export interface SearchHit {
  id: string;
  type: string;
  title: string;
  url: string;
  topicId?: number;
  postId?: number;
  categoryId?: number;
  score: number;
  /**
   * HTML-escaped text in which matched words are wrapped in <mark>…</mark>;
   * the snippet is at most about 240 characters around the best match.
   */
  highlight: { title: string; snippet: string };
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

export interface SearchEngine {
  /** 'embedded' | 'meilisearch' */
  readonly name: string;
  /** Creates the index and its settings. */
  init(): Promise<void>;
  /** Adds documents, replacing those with the same id. */
  upsert(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  count(): Promise<number>;
  search(query: SearchQuery): Promise<SearchResult>;
  close(): Promise<void>;
}
