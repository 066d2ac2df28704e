import type { PageHead } from '@parvis/plugin-sdk/web';
import type { ArticleView } from './client';
import { summarize } from './client';

/** schema.org FAQPage data for one published article (what search engines show as a rich result). */
export function faqPageJsonLd(article: Pick<ArticleView, 'question' | 'answerHtml' | 'locale'>) {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    inLanguage: article.locale,
    mainEntity: [
      {
        '@type': 'Question',
        name: article.question,
        acceptedAnswer: { '@type': 'Answer', text: article.answerHtml },
      },
    ],
  };
}

/** The article page's head: its question as title, the answer's start as description. */
export function articleHead(article: ArticleView): PageHead {
  const published = article.status === 'published';
  return {
    title: article.question,
    description: summarize(article.answerHtml),
    canonical: `/faq/${article.slug}`,
    ...(published ? { jsonLd: faqPageJsonLd(article) } : { noindex: true }),
  };
}
