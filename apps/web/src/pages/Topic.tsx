import { isStaff, topicPath } from '@parvis/domain';
import { Alert, Button, TextField } from '@parvis/ui';
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import type { Post, Revision, TopicDetail, TopicPage as TopicPageData, UserRef } from '../api';
import { ConfirmToPostNotice } from '../components/ConfirmAddress';
import { focusLater } from '../components/form';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { Pagination } from '../components/Pagination';
import { failure, PageTitle, summarize, withQuery } from '../components/page';
import { Slot } from '../components/Slot';
import { Time } from '../components/Time';
import { useApp } from '../context';
import { formatNumber, plural } from '../i18n';
import type { TopicLive } from '../live/topic-live';
import { pluginsFor } from '../plugins';
import { definePage, type PageProps, signInUrl } from '../router';

const pageHref = (topic: { slug: string; id: number }, page: number) =>
  withQuery(topicPath(topic), { page: page > 1 ? page : null });

interface TopicState {
  topic: TopicDetail;
  posts: Post[];
}

const heartPath = 'M12 20.5 4.6 13.4a4.6 4.6 0 0 1 6.5-6.6l.9.9.9-.9a4.6 4.6 0 0 1 6.5 6.6z';

function LikeButton(props: { post: Post; onChange: (likeCount: number, likedByMe: boolean) => void }) {
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const toggle = async () => {
    setBusy(true);
    const liked = props.post.likedByMe;
    const result = liked ? await app.api.unlike(props.post.id) : await app.api.like(props.post.id);
    setBusy(false);
    if (!result.ok) {
      app.announce(result.error.message);
      return;
    }
    props.onChange(result.data.likeCount, result.data.likedByMe);
    app.announce(app.t(result.data.likedByMe ? 'web.post.liked' : 'web.post.unliked'));
  };
  // A plain element rather than <Button>: it repeats on every post, and each component costs render time.
  return (
    <button
      type="button"
      class="btn btn-ghost btn-small like"
      aria-pressed={props.post.likedByMe ? 'true' : 'false'}
      aria-busy={busy() ? 'true' : undefined}
      onClick={() => {
        if (!busy()) void toggle();
      }}
    >
      <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path d={heartPath} />
      </svg>
      <span>{app.t('web.post.like')}</span>{' '}
      <span class="count" data-testid="like-count">
        {formatNumber(app.locale, props.post.likeCount)}
      </span>
    </button>
  );
}

function RevisionList(props: { postId: number; onClose: () => void }) {
  const app = useApp();
  const [revisions, setRevisions] = createSignal<Revision[] | null>(null);
  const [error, setError] = createSignal('');
  void app.api.revisions(props.postId).then((result) => {
    if (result.ok) setRevisions([...result.data.revisions].sort((a, b) => b.revision - a.revision));
    else setError(result.error.message);
  });
  return (
    <section class="revisions" aria-labelledby={`revisions-${props.postId}`} tabindex="-1">
      <div class="revisions-header">
        <h3 id={`revisions-${props.postId}`}>{app.t('web.history.title')}</h3>
        <Button small variant="ghost" onClick={props.onClose}>
          {app.t('web.history.close')}
        </Button>
      </div>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <Show
        when={revisions()}
        fallback={<Show when={!error()}>{<p class="muted">{app.t('web.loading')}</p>}</Show>}
      >
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">{app.t('web.history.empty')}</p>}>
            <p class="muted">{app.t('web.history.current_note')}</p>
            <ol class="revision-list">
              <For each={list()}>
                {(revision) => (
                  <li>
                    <p class="revision-meta">
                      {app.t('web.history.revision', { number: revision.revision })} ·{' '}
                      {app.t('web.history.by', { name: revision.editor.displayName })} ·{' '}
                      <Time iso={revision.createdAt} />
                    </p>
                    <Show when={revision.title}>
                      <p class="revision-title">
                        {app.t('web.history.title_was', { title: revision.title ?? '' })}
                      </p>
                    </Show>
                    <pre class="revision-body">{revision.body}</pre>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Show>
    </section>
  );
}

function PostEditor(props: {
  post: Post;
  topic: TopicDetail;
  onSaved: (post: Post, title: string | undefined) => void;
  onCancel: () => void;
}) {
  const app = useApp();
  const isOpening = () => props.post.number === 1;
  const [body, setBody] = createSignal<string | null>(null);
  const [title, setTitle] = createSignal(props.topic.title);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  void app.api.post(props.post.id).then((result) => {
    if (!result.ok) setMessage(result.error.message);
    else if (result.data.post.body === null) setMessage(app.t('error.forbidden'));
    else {
      setBody(result.data.post.body);
      if (result.data.post.title !== null) setTitle(result.data.post.title);
      focusLater(`#edit-body-${props.post.id}`);
    }
  });

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const source = body();
    if (source === null || busy()) return;
    setBusy(true);
    const newTitle = isOpening() && title() !== props.topic.title ? title() : undefined;
    const result = await app.api.editPost(props.post.id, {
      body: source,
      ...(newTitle !== undefined ? { title: newTitle } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fields ?? {});
      setMessage(result.error.message);
      return;
    }
    props.onSaved(result.data.post, newTitle);
  };

  return (
    <form class="post-editor stack" onSubmit={save} novalidate aria-label={app.t('web.post.edit_form')}>
      <Show when={message()}>
        <Alert tone="error">{message()}</Alert>
      </Show>
      {/* Both fields appear once the source is loaded, so nothing typed is overwritten by it. */}
      <Show when={body() !== null} fallback={<p class="muted">{app.t('web.loading')}</p>}>
        {isOpening() ? (
          <TextField
            id={`edit-title-${props.post.id}`}
            label={app.t('web.field.title')}
            value={title()}
            onValue={setTitle}
            error={errors().title}
            required
            maxLength={200}
          />
        ) : null}
        <MarkdownEditor
          id={`edit-body-${props.post.id}`}
          label={app.t('web.field.body')}
          value={body() ?? ''}
          onValue={setBody}
          error={errors().body}
          required
        />
      </Show>
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy()}>
          {app.t('web.post.save')}
        </Button>
        <Button variant="ghost" onClick={props.onCancel}>
          {app.t('web.cancel')}
        </Button>
      </div>
    </form>
  );
}

function PostView(props: {
  post: Post;
  topic: TopicDetail;
  onUpdate: (post: Post) => void;
  onTitle: (title: string) => void;
  onDeleted: (post: Post) => void;
}) {
  const app = useApp();
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [history, setHistory] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const staff = () => isStaff(app.session.user);
  const headingId = () => `post-${props.post.number}-author`;
  const selector = (action: string) => `#post-${props.post.number} [data-action="${action}"]`;

  const remove = async () => {
    setBusy(true);
    const result = await app.api.deletePost(props.post.id);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setConfirming(false);
    app.announce(app.t('web.post.deleted_notice'));
    props.onDeleted(props.post);
  };

  const restore = async () => {
    setBusy(true);
    const result = await app.api.restorePost(props.post.id);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    props.onUpdate(result.data.post);
    app.announce(app.t('web.post.restored'));
  };

  const hasActions = () => {
    const post = props.post;
    return (
      post.canLike ||
      post.likeCount > 0 ||
      post.canEdit ||
      post.canDelete ||
      (post.canViewRevisions && post.revision > 1) ||
      (post.deleted && staff())
    );
  };

  const actionButton = (action: string, label: string, onClick: () => void, expanded?: () => boolean) => (
    <button
      type="button"
      class="btn btn-ghost btn-small"
      data-action={action}
      aria-expanded={expanded ? (expanded() ? 'true' : 'false') : undefined}
      onClick={onClick}
    >
      {label}
    </button>
  );

  const hasPluginActions = () => pluginsFor('post.actions', app.session.enabledPlugins).length > 0;

  // Conditions are plain expressions rather than <Show>: posts repeat, and fewer components render faster.
  return (
    <article
      class={props.post.deleted ? 'post post-deleted' : 'post'}
      id={`post-${props.post.number}`}
      data-post-number={props.post.number}
      aria-labelledby={headingId()}
      tabindex="-1"
    >
      <header class="post-header">
        <span class="avatar" aria-hidden="true">
          {(props.post.author.displayName || props.post.author.username).slice(0, 1).toUpperCase()}
        </span>
        <div class="post-byline">
          <h2 class="post-author" id={headingId()}>
            <a href={`/u/${encodeURIComponent(props.post.author.username)}`}>
              {props.post.author.displayName}
            </a>
          </h2>
          <p class="post-meta">
            <a class="post-link" href={`#post-${props.post.number}`}>
              <Time iso={props.post.createdAt} />
            </a>
            {props.post.editedAt ? (
              <span class="edited" data-testid="edited">
                {' '}
                · {app.t('web.post.edited')}
              </span>
            ) : null}
            <span class="post-number"> · #{props.post.number}</span>
          </p>
          <Slot name="post.badges" context={{ topic: props.topic, post: props.post }} />
        </div>
      </header>

      {error() ? <Alert tone="error">{error()}</Alert> : null}

      {editing() ? (
        <PostEditor
          post={props.post}
          topic={props.topic}
          onCancel={() => {
            setEditing(false);
            focusLater(selector('edit'));
          }}
          onSaved={(post, title) => {
            props.onUpdate(post);
            if (title !== undefined) props.onTitle(title);
            setEditing(false);
            app.announce(app.t('web.post.saved'));
            focusLater(selector('edit'));
          }}
        />
      ) : !props.post.deleted || staff() ? (
        <>
          {props.post.deleted ? <p class="notice">{app.t('web.post.deleted_staff')}</p> : null}
          <div class="post-body prose" innerHTML={props.post.html} />
        </>
      ) : (
        <p class="muted post-body">{app.t('web.post.deleted_placeholder')}</p>
      )}

      {editing() || !(hasActions() || hasPluginActions()) ? null : (
        <footer class="post-actions">
          <Slot name="post.actions" context={{ topic: props.topic, post: props.post }} />
          {props.post.canLike ? (
            <LikeButton
              post={props.post}
              onChange={(likeCount, likedByMe) => props.onUpdate({ ...props.post, likeCount, likedByMe })}
            />
          ) : props.post.likeCount > 0 ? (
            <span class="like-total">
              <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                <path d={heartPath} />
              </svg>
              {plural(app.locale, 'web.count.likes', props.post.likeCount)}
            </span>
          ) : null}
          <span class="spacer" />
          {props.post.canEdit && !props.post.deleted
            ? actionButton('edit', app.t('web.post.edit'), () => setEditing(true))
            : null}
          {props.post.canViewRevisions && props.post.revision > 1
            ? actionButton('history', app.t('web.post.history'), () => setHistory(!history()), history)
            : null}
          {props.post.canDelete && !props.post.deleted
            ? actionButton(
                'delete',
                app.t('web.post.delete'),
                () => {
                  setConfirming(true);
                  focusLater(`#post-${props.post.number} [data-action="cancel-delete"]`);
                },
                confirming,
              )
            : null}
          {props.post.deleted && staff() ? (
            <Button small variant="secondary" busy={busy()} onClick={restore}>
              {app.t('web.post.restore')}
            </Button>
          ) : null}
        </footer>
      )}

      {confirming() ? (
        <fieldset class="confirm">
          <legend>
            {app.t(props.post.number === 1 ? 'web.post.confirm_delete_topic' : 'web.post.confirm_delete')}
          </legend>
          <div class="actions">
            <Button variant="danger" busy={busy()} onClick={remove}>
              {app.t('web.post.confirm_delete_yes')}
            </Button>
            <Button
              variant="ghost"
              data-action="cancel-delete"
              onClick={() => {
                setConfirming(false);
                focusLater(selector('delete'));
              }}
            >
              {app.t('web.cancel')}
            </Button>
          </div>
        </fieldset>
      ) : null}

      {history() ? (
        <RevisionList
          postId={props.post.id}
          onClose={() => {
            setHistory(false);
            focusLater(selector('history'));
          }}
        />
      ) : null}
    </article>
  );
}

function ReplyComposer(props: {
  topic: TopicDetail;
  onPosted: (post: Post) => void;
  onTyping: () => void;
  onIdle: () => void;
}) {
  const app = useApp();
  const [body, setBody] = createSignal('');
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setMessage('');
    props.onIdle();
    const result = await app.api.reply(props.topic.id, body());
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fields ?? {});
      setMessage(result.error.message);
      return;
    }
    setErrors({});
    setBody('');
    props.onPosted(result.data.post);
  };
  return (
    <section class="composer card" aria-labelledby="reply-title">
      <h2 class="card-title" id="reply-title">
        {app.t('web.reply.title')}
      </h2>
      <form
        class="stack"
        onSubmit={submit}
        onFocusOut={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) props.onIdle();
        }}
        novalidate
      >
        <Show when={message()}>
          <Alert tone="error">{message()}</Alert>
        </Show>
        <MarkdownEditor
          id="reply-body"
          label={app.t('web.reply.label')}
          value={body()}
          onValue={(value) => {
            setBody(value);
            props.onTyping();
          }}
          error={errors().body}
          rows={6}
          required
        />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy()}>
            {app.t('web.reply.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function TopicView(props: PageProps<TopicPageData>) {
  const app = useApp();
  const [state, setState] = createStore<TopicState>({ topic: props.data.topic, posts: props.data.posts });
  const [pageCount, setPageCount] = createSignal(props.data.pageCount);
  const [unseen, setUnseen] = createSignal(0);
  const [composing, setComposing] = createSignal<UserRef[]>([]);
  let live: TopicLive | undefined;
  let disposed = false;
  onCleanup(() => {
    disposed = true;
    live?.close();
  });
  // Live updates start once the page is interactive, from a chunk of their own (none without JS).
  onMount(() => {
    if (typeof EventSource === 'undefined') return;
    void import('../live/topic-live').then(
      ({ startTopicLive }) => {
        if (disposed) return;
        live = startTopicLive({
          topicId: state.topic.id,
          page: props.data.page,
          api: app.api,
          viewerId: app.session.user?.id ?? null,
          state,
          setState,
          setPageCount,
          setUnseen: (count) => {
            if (count > unseen()) app.announce(plural(app.locale, 'web.live.new_replies', count));
            setUnseen(count);
          },
          announceNew: (posts) =>
            app.announce(
              posts.length === 1
                ? app.t('web.live.new_reply', { name: posts[0]!.author.displayName })
                : plural(app.locale, 'web.live.new_replies', posts.length),
            ),
          setComposing,
        });
      },
      () => undefined,
    );
  });
  const composingText = () => {
    const [first, second, ...rest] = composing();
    if (!first) return '';
    if (!second) return app.t('web.live.composing_one', { name: first.displayName });
    if (rest.length === 0) {
      return app.t('web.live.composing_two', { first: first.displayName, second: second.displayName });
    }
    return app.t('web.live.composing_many', {
      name: first.displayName,
      count: formatNumber(app.locale, rest.length + 1),
    });
  };
  const categoryHref = () => `/c/${encodeURIComponent(state.topic.category.slug)}`;

  const update = (post: Post) =>
    setState(
      'posts',
      (p) => p.id === post.id,
      (old) => ({ ...old, ...post }),
    );

  const onDeleted = (post: Post) => {
    if (post.number === 1 && !isStaff(app.session.user)) {
      void app.navigate(categoryHref());
      return;
    }
    setState(
      'posts',
      (p) => p.id === post.id,
      produce((p) => {
        p.deleted = true;
        p.canEdit = false;
        p.canDelete = false;
        p.canLike = false;
      }),
    );
  };

  const onPosted = (post: Post) => {
    const targetPage = Math.max(pageCount(), Math.ceil(post.number / props.data.pageSize));
    if (targetPage === props.data.page) {
      // The live stream may have brought it in already.
      if (!state.posts.some((p) => p.id === post.id)) {
        setState('posts', (posts) => [...posts, post]);
        setState('topic', 'replyCount', (n) => n + 1);
      }
      app.announce(app.t('web.reply.posted'));
      focusLater(`#post-${post.number}`);
    } else {
      void app.navigate(`${pageHref(state.topic, targetPage)}#post-${post.number}`);
    }
  };

  return (
    <div class="content topic">
      <nav class="breadcrumb" aria-label={app.t('web.breadcrumb')}>
        <ol>
          <li>
            <a href="/">{app.t('web.nav.home')}</a>
          </li>
          <li>
            <a href={categoryHref()}>{state.topic.category.name}</a>
          </li>
        </ol>
      </nav>
      <div class="topic-header">
        <PageTitle>{state.topic.title}</PageTitle>
        <p class="topic-header-meta">
          <Show when={state.topic.locked}>
            <span class="tag tag-warning">{app.t('web.topic.locked')}</span>
          </Show>
          <Show when={state.topic.deleted}>
            <span class="tag tag-danger">{app.t('web.topic.deleted')}</span>
          </Show>
          <span>{plural(app.locale, 'web.count.replies', state.topic.replyCount)}</span>
          <span>{plural(app.locale, 'web.count.likes', state.topic.likeCount)}</span>
        </p>
      </div>

      <div class="posts">
        <For each={state.posts}>
          {(post) => (
            <>
              <PostView
                post={post}
                topic={state.topic}
                onUpdate={update}
                onTitle={(title) => setState('topic', 'title', title)}
                onDeleted={onDeleted}
              />
              {post.number === 1 ? (
                <Slot name="topic.after-first-post" context={{ topic: state.topic, posts: state.posts }} />
              ) : null}
            </>
          )}
        </For>
      </div>

      <Show when={unseen() > 0}>
        <p class="notice live-new">
          <a href={pageHref(state.topic, pageCount())}>
            {plural(app.locale, 'web.live.new_replies', unseen())} — {app.t('web.live.show')}
          </a>
        </p>
      </Show>

      <Pagination
        page={props.data.page}
        pageCount={pageCount()}
        href={(page) => pageHref(state.topic, page)}
      />

      <Slot name="topic.after-posts" context={{ topic: state.topic }} />

      <Show when={app.session.user}>
        {/* Present from the first render, so screen readers follow its changes. */}
        <p class="presence muted" aria-live="polite" data-testid="composing">
          {composingText()}
        </p>
      </Show>

      <Show
        when={state.topic.canReply}
        fallback={
          <Show
            when={state.topic.locked}
            fallback={
              <Show
                when={!app.session.user}
                fallback={
                  <Show when={state.topic.mustConfirmEmail}>
                    <ConfirmToPostNotice id="confirm-to-reply" />
                  </Show>
                }
              >
                <p class="notice">
                  <a href={signInUrl(app.url())}>{app.t('web.reply.sign_in')}</a>
                </p>
              </Show>
            }
          >
            <p class="notice">{app.t('web.topic.locked_notice')}</p>
          </Show>
        }
      >
        <ReplyComposer
          topic={state.topic}
          onPosted={onPosted}
          onTyping={() => live?.typing()}
          onIdle={() => live?.idle()}
        />
      </Show>
    </div>
  );
}

export const topicPage = definePage<TopicPageData>({
  async load({ api, params, query, url }) {
    const id = Number(params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return { kind: 'error', status: 404 };
    const requested = Number(query.get('page') ?? '1');
    const page = Number.isSafeInteger(requested) && requested > 0 ? requested : 1;
    const result = await api.topic(id, page > 1 ? page : undefined);
    if (!result.ok) return failure(result, url);
    const { topic } = result.data;
    // An old or mistyped slug still finds the topic; send readers (and search engines) to the real address.
    if (params.slug !== topic.slug) return { kind: 'redirect', to: pageHref(topic, page), status: 301 };
    return { kind: 'page', data: result.data };
  },
  head: (data, { t }) => {
    const first = data.page === 1 ? data.posts.find((post) => post.number === 1 && !post.deleted) : undefined;
    return {
      title:
        data.page > 1
          ? `${data.topic.title} — ${t('web.pagination.page', { page: data.page })}`
          : data.topic.title,
      description: first ? summarize(first.html) : data.topic.title,
      canonical: pageHref(data.topic, data.page),
      noindex: data.topic.deleted,
    };
  },
  component: TopicView,
});
