import { topicPath } from '@parvis/domain';
import { Alert, Button, TextArea, TextField } from '@parvis/ui';
import { createSignal, For, Show } from 'solid-js';
import type { Profile, ProfilePost } from '../api';
import { failure, PageTitle } from '../components/page';
import { Slot } from '../components/Slot';
import { Time } from '../components/Time';
import { useApp } from '../context';
import { formatNumber, formatStableDate, plural } from '../i18n';
import { pluginsFor } from '../plugins';
import { definePage, type PageProps } from '../router';

interface ProfileData {
  user: Profile;
  posts: ProfilePost[];
}

function EditProfile(props: { user: Profile; onSaved: (displayName: string, bio: string) => void }) {
  const app = useApp();
  const [open, setOpen] = createSignal(false);
  const [displayName, setDisplayName] = createSignal(props.user.displayName);
  const [bio, setBio] = createSignal(props.user.bio ?? '');
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    const result = await app.api.updateMe({ displayName: displayName(), bio: bio() });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fields ?? {});
      setMessage(result.error.message);
      return;
    }
    setErrors({});
    setMessage('');
    props.onSaved(result.data.user.displayName, bio());
    setOpen(false);
    app.announce(app.t('web.profile.saved'));
  };
  return (
    <Show
      when={open()}
      fallback={
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {app.t('web.profile.edit')}
        </Button>
      }
    >
      <form class="card stack" onSubmit={save} novalidate aria-labelledby="edit-profile-title">
        <h2 class="card-title" id="edit-profile-title">
          {app.t('web.profile.edit')}
        </h2>
        <Show when={message()}>
          <Alert tone="error">{message()}</Alert>
        </Show>
        <TextField
          id="profile-display-name"
          label={app.t('web.field.display_name')}
          value={displayName()}
          onValue={setDisplayName}
          error={errors().displayName}
          autocomplete="nickname"
          maxLength={60}
        />
        <TextArea
          id="profile-bio"
          label={app.t('web.field.bio')}
          value={bio()}
          onValue={setBio}
          error={errors().bio}
          rows={4}
        />
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy()}>
            {app.t('web.profile.save')}
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            {app.t('web.cancel')}
          </Button>
        </div>
      </form>
    </Show>
  );
}

function ProfilePage(props: PageProps<ProfileData>) {
  const app = useApp();
  const { t, locale } = app;
  const [displayName, setDisplayName] = createSignal(props.data.user.displayName);
  const [bio, setBio] = createSignal(props.data.user.bio ?? '');
  const isMe = () => app.session.user?.id === props.data.user.id;
  return (
    <div class="with-aside">
      <div class="content">
        <div class="profile-header">
          <span class="avatar avatar-large" aria-hidden="true">
            {(displayName() || props.data.user.username).slice(0, 1).toUpperCase()}
          </span>
          <div>
            <PageTitle>{displayName()}</PageTitle>
            <p class="muted">
              @{props.data.user.username}
              <Show when={props.data.user.role !== 'member'}>
                {' '}
                <span class="tag">
                  {t(props.data.user.role === 'admin' ? 'web.role.admin' : 'web.role.moderator')}
                </span>
              </Show>
            </p>
          </div>
        </div>
        <Show when={bio()}>
          <p class="bio">{bio()}</p>
        </Show>
        <dl class="stats">
          <div>
            <dt>{t('web.profile.member_since')}</dt>
            <dd>
              <time datetime={props.data.user.createdAt}>
                {formatStableDate(locale, props.data.user.createdAt)}
              </time>
            </dd>
          </div>
          <div>
            <dt>{t('web.profile.topics')}</dt>
            <dd>{formatNumber(locale, props.data.user.topicCount)}</dd>
          </div>
          <div>
            <dt>{t('web.profile.posts')}</dt>
            <dd>{formatNumber(locale, props.data.user.postCount)}</dd>
          </div>
          <div>
            <dt>{t('web.profile.likes')}</dt>
            <dd>{formatNumber(locale, props.data.user.likesReceived)}</dd>
          </div>
        </dl>
        <Show when={isMe()}>
          <EditProfile
            user={props.data.user}
            onSaved={(name, text) => {
              setDisplayName(name);
              setBio(text);
            }}
          />
        </Show>
        <section class="profile-recent" aria-labelledby="recent-posts-title">
          <h2 id="recent-posts-title">{t('web.profile.recent')}</h2>
          <Show
            when={props.data.posts.length > 0}
            fallback={<p class="empty">{t('web.profile.no_posts')}</p>}
          >
            <ol class="activity-list">
              <For each={props.data.posts}>
                {(post) => (
                  <li class="activity-item">
                    <h3 class="activity-title">
                      <a href={topicPath({ slug: post.topicSlug, id: post.topicId })}>{post.topicTitle}</a>
                    </h3>
                    <p class="activity-excerpt">{post.excerpt}</p>
                    <p class="muted">
                      <Time iso={post.createdAt} /> · {plural(locale, 'web.count.likes', post.likeCount)}
                    </p>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </section>
      </div>
      <Show when={pluginsFor('profile.aside', app.session.enabledPlugins).length > 0}>
        <aside class="sidebar" aria-label={t('web.profile.aside')}>
          <Slot name="profile.aside" />
        </aside>
      </Show>
    </div>
  );
}

export const profilePage = definePage<ProfileData>({
  async load({ api, params, url }) {
    const result = await api.user(params.username ?? '');
    if (!result.ok) return failure(result, url);
    return { kind: 'page', data: result.data };
  },
  head: (data, { t }) => ({
    title: t('web.profile.title', { name: data.user.displayName }),
    description: data.user.bio || t('web.profile.description', { name: data.user.displayName }),
    canonical: `/u/${encodeURIComponent(data.user.username)}`,
  }),
  component: ProfilePage,
});
