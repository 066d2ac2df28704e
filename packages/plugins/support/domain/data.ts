/** What the support plugin adds to API answers; shared by the server and the web part. */

export interface PersonRef {
  id: number;
  username: string;
  displayName: string;
}

/** `topic.plugins.support`, present only on topics of Q&A categories. */
export interface SupportTopicData {
  question: true;
  solved: boolean;
  acceptedPostId: number | null;
  acceptedPostNumber: number | null;
  /** The accepted answer, shown right under the question. */
  answer: {
    postId: number;
    number: number;
    /** Address of the reply on its page of the topic. */
    url: string;
    author: PersonRef;
    /** Plain text, shortened. */
    excerpt: string;
    acceptedAt: string;
  } | null;
  /** The staff member who said "I'm on it". */
  claimedBy: (PersonRef & { claimedAt: string }) | null;
  /** Whether the viewer may accept, change or undo the accepted answer. */
  canAccept: boolean;
  /** Whether the viewer may claim or release the question. */
  canClaim: boolean;
}

/** `category.plugins.support`, present only on Q&A categories. */
export interface SupportCategoryData {
  qa: true;
}

export interface QueueItem {
  id: number;
  slug: string;
  title: string;
  url: string;
  category: { id: number; slug: string; name: string };
  author: PersonRef;
  askedAt: string;
  /** Seconds since the question was asked, when the queue was read. */
  waitingSeconds: number;
  replyCount: number;
  staffReplied: boolean;
  firstStaffReplyAt: string | null;
  claimedBy: (PersonRef & { claimedAt: string }) | null;
}

export interface QueueData {
  items: QueueItem[];
  /** Open questions matching the filter, beyond the ones listed too. */
  total: number;
  /** The Q&A categories the viewer can read, for the category filter. */
  categories: { id: number; slug: string; name: string }[];
  /** The category filter in effect (slug), or null for all. */
  category: string | null;
}
