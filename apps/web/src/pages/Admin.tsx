import { type Audience, audiences, type Role, roles } from '@parvis/domain';
import { Alert, Button, SelectField, TextArea, TextField } from '@parvis/ui';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { AdminUser, Category, CategoryInput, SiteSettings } from '../api';
import { failure, PageTitle, withQuery } from '../components/page';
import { Slot } from '../components/Slot';
import { Time } from '../components/Time';
import { useApp } from '../context';
import { definePage, type PageProps, signInUrl } from '../router';

interface AdminData {
  settings: SiteSettings;
  categories: Category[];
  users: AdminUser[];
  q: string;
  role: Role | '';
}

type Draft = Required<Omit<CategoryInput, 'slug'>> & { slug: string; position: number };
/** The form's state: the position as typed, so a typo is shown back rather than replaced. */
type FormDraft = Omit<Draft, 'position'> & { position: string };

/** The position as a whole number within the API's bounds, or null when it is not one. */
export function parsePosition(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const value = Number(text);
  return value <= 10_000 ? value : null;
}

const draftOf = (category?: Category): FormDraft => ({
  name: category?.name ?? '',
  slug: category?.slug ?? '',
  description: category?.description ?? '',
  position: String(category?.position ?? 0),
  readAudience: category?.readAudience ?? 'guest',
  postAudience: category?.postAudience ?? 'member',
});

/** Category fields shared by the edit and create forms; `prefix` keeps ids unique on the page. */
function CategoryForm(props: {
  prefix: string;
  initial: FormDraft;
  submitLabel: string;
  onSubmit: (draft: Draft) => Promise<Record<string, string> | null>;
  onCancel?: () => void;
}) {
  const app = useApp();
  const { t } = app;
  const [draft, setDraft] = createStore<FormDraft>({ ...props.initial });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const audienceOptions = audiences.map((value) => ({ value, label: t(`web.admin.audience.${value}`) }));
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const position = parsePosition(draft.position);
    if (position === null) {
      setErrors({ position: t('web.admin.category.position_invalid') });
      document.getElementById(id('position'))?.focus();
      return;
    }
    setBusy(true);
    const problems = await props.onSubmit({ ...draft, position });
    setBusy(false);
    setErrors(problems ?? {});
  };
  const id = (field: string) => `${props.prefix}-${field}`;
  return (
    <form class="stack admin-form" onSubmit={submit} novalidate>
      <Show when={errors()._form}>
        <Alert tone="error">{errors()._form}</Alert>
      </Show>
      <div class="form-row">
        <TextField
          id={id('name')}
          label={t('web.admin.category.name')}
          value={draft.name}
          onValue={(value) => setDraft('name', value)}
          error={errors().name}
          required
          maxLength={60}
        />
        <TextField
          id={id('slug')}
          label={t('web.admin.category.slug')}
          hint={t('web.admin.category.slug_hint')}
          value={draft.slug}
          onValue={(value) => setDraft('slug', value)}
          error={errors().slug}
          maxLength={60}
        />
      </div>
      <TextArea
        id={id('description')}
        label={t('web.admin.category.description')}
        value={draft.description}
        onValue={(value) => setDraft('description', value)}
        error={errors().description}
        rows={2}
        maxLength={500}
      />
      <div class="form-row">
        <TextField
          id={id('position')}
          label={t('web.admin.category.position')}
          inputMode="numeric"
          value={draft.position}
          onValue={(value) => setDraft('position', value)}
          error={errors().position}
        />
        <SelectField
          id={id('read')}
          label={t('web.admin.category.read')}
          value={draft.readAudience}
          onValue={(value) => setDraft('readAudience', value as Audience)}
          options={audienceOptions}
          error={errors().readAudience}
        />
        <SelectField
          id={id('post')}
          label={t('web.admin.category.post')}
          value={draft.postAudience}
          onValue={(value) => setDraft('postAudience', value as Audience)}
          options={audienceOptions.filter((option) => option.value !== 'guest')}
          error={errors().postAudience}
        />
      </div>
      <div class="actions">
        <Button type="submit" variant="primary" busy={busy()}>
          {props.submitLabel}
        </Button>
        <Show when={props.onCancel}>
          {(cancel) => (
            <Button variant="secondary" onClick={() => cancel()()}>
              {t('web.cancel')}
            </Button>
          )}
        </Show>
      </div>
    </form>
  );
}

/** The API's field errors, or a form-level message when the error names no field. */
function problemsOf(error: { message: string; fields?: Record<string, string> }): Record<string, string> {
  return error.fields && Object.keys(error.fields).length > 0 ? error.fields : { _form: error.message };
}

function CategoriesSection(props: { categories: Category[] }) {
  const app = useApp();
  const { t } = app;
  const [editing, setEditing] = createSignal<number | null>(null);
  const [creating, setCreating] = createSignal(false);

  const save = async (category: Category, draft: Draft) => {
    const result = await app.api.updateCategory(category.id, {
      ...draft,
      slug: draft.slug.trim() || category.slug,
    });
    if (!result.ok) return problemsOf(result.error);
    setEditing(null);
    app.announce(t('web.admin.category.saved', { name: result.data.category.name }));
    await app.reload();
    return null;
  };
  const create = async (draft: Draft) => {
    const { slug, ...rest } = draft;
    const result = await app.api.createCategory(slug.trim() ? { ...rest, slug: slug.trim() } : rest);
    if (!result.ok) return problemsOf(result.error);
    setCreating(false);
    app.announce(t('web.admin.category.created', { name: result.data.category.name }));
    await app.reload();
    return null;
  };

  return (
    <section class="admin-section" aria-labelledby="admin-categories">
      <div class="page-header">
        <h2 id="admin-categories">{t('web.admin.categories')}</h2>
        <Button
          variant="secondary"
          onClick={() => setCreating(!creating())}
          aria-expanded={creating() ? 'true' : 'false'}
        >
          {t('web.admin.category.new')}
        </Button>
      </div>
      <Show when={creating()}>
        <div class="card">
          <h3>{t('web.admin.category.new')}</h3>
          <CategoryForm
            prefix="category-new"
            initial={draftOf()}
            submitLabel={t('web.admin.category.create')}
            onSubmit={create}
            onCancel={() => setCreating(false)}
          />
        </div>
      </Show>
      <ul class="admin-list">
        <For each={props.categories}>
          {(category) => (
            <li class="card admin-item" data-category={category.slug}>
              <div class="admin-item-head">
                <div>
                  <h3>
                    <a href={`/c/${encodeURIComponent(category.slug)}`}>{category.name}</a>
                  </h3>
                  <p class="muted">
                    {t('web.admin.category.summary', {
                      slug: category.slug,
                      read: t(`web.admin.audience.${category.readAudience}`),
                      post: t(`web.admin.audience.${category.postAudience}`),
                      position: category.position,
                    })}
                  </p>
                </div>
                <Button
                  variant="secondary"
                  onClick={() => setEditing(editing() === category.id ? null : category.id)}
                  aria-expanded={editing() === category.id ? 'true' : 'false'}
                  aria-label={t('web.admin.category.edit_named', { name: category.name })}
                >
                  {t('web.admin.category.edit')}
                </Button>
              </div>
              <Show when={editing() === category.id}>
                <CategoryForm
                  prefix={`category-${category.id}`}
                  initial={draftOf(category)}
                  submitLabel={t('web.admin.category.save')}
                  onSubmit={(draft) => save(category, draft)}
                  onCancel={() => setEditing(null)}
                />
              </Show>
              {/* Plugins' per-category settings (e.g. marking a category as Q&A). */}
              <Slot name="admin.category" context={{ category }} />
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

/** Site-wide rules; saved with a button, so changing the checkbox alone changes nothing yet. */
function SettingsSection(props: { settings: SiteSettings }) {
  const app = useApp();
  const { t } = app;
  const [confirmEmail, setConfirmEmail] = createSignal(props.settings.requireConfirmedEmailToPost);
  const [saved, setSaved] = createSignal(props.settings.requireConfirmedEmailToPost);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setStatus('');
    const result = await app.api.updateSiteSettings({ requireConfirmedEmailToPost: confirmEmail() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.fields?.requireConfirmedEmailToPost ?? result.error.message);
      return;
    }
    setError('');
    const on = result.data.settings.requireConfirmedEmailToPost;
    setSaved(on);
    setConfirmEmail(on);
    const message = t(on ? 'web.admin.settings.confirm_email_on' : 'web.admin.settings.confirm_email_off');
    setStatus(message);
    app.announce(message);
  };
  return (
    <section class="admin-section" aria-labelledby="admin-settings">
      <h2 id="admin-settings">{t('web.admin.settings')}</h2>
      <form class="card stack settings-form" onSubmit={save} novalidate>
        <Show when={error()}>
          <Alert tone="error">{error()}</Alert>
        </Show>
        <div class="choice">
          <input
            type="checkbox"
            id="setting-confirm-email"
            name="requireConfirmedEmailToPost"
            checked={confirmEmail()}
            aria-describedby="setting-confirm-email-hint"
            onChange={(event) => {
              setStatus('');
              setConfirmEmail(event.currentTarget.checked);
            }}
          />
          <label for="setting-confirm-email">{t('web.admin.settings.confirm_email')}</label>
          <span class="field-hint" id="setting-confirm-email-hint">
            {t('web.admin.settings.confirm_email_hint')}
          </span>
        </div>
        <div class="actions">
          <Button type="submit" variant="primary" busy={busy()} disabled={confirmEmail() === saved()}>
            {t('web.admin.settings.save')}
          </Button>
          {/* The announcer already speaks it; this copy is for sighted people. */}
          <Show when={status()}>
            <span class="muted" aria-hidden="true">
              {status()}
            </span>
          </Show>
        </div>
      </form>
    </section>
  );
}

function MemberRow(props: { user: AdminUser }) {
  const app = useApp();
  const { t } = app;
  const [role, setRole] = createSignal<Role>(props.user.role);
  const [saved, setSaved] = createSignal<Role>(props.user.role);
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const save = async () => {
    setBusy(true);
    const result = await app.api.setRole(props.user.username, role());
    setBusy(false);
    if (!result.ok) {
      setError(result.error.fields?.role ?? result.error.message);
      return;
    }
    setError('');
    setSaved(result.data.user.role);
    app.announce(
      t('web.admin.members.saved', {
        name: props.user.displayName,
        role: t(`web.admin.role.${result.data.user.role}`),
      }),
    );
  };
  const selectId = `role-${props.user.id}`;
  return (
    <tr>
      <th scope="row">
        <a href={`/u/${encodeURIComponent(props.user.username)}`}>{props.user.displayName}</a>
        <span class="muted"> @{props.user.username}</span>
      </th>
      <td>
        <Time iso={props.user.createdAt} />
      </td>
      <td>
        <label class="visually-hidden" for={selectId}>
          {t('web.admin.members.role_of', { name: props.user.displayName })}
        </label>
        <select
          id={selectId}
          class="input select"
          onChange={(event) => setRole(event.currentTarget.value as Role)}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${selectId}-error` : undefined}
        >
          <For each={roles}>
            {(value) => (
              <option value={value} selected={value === role()}>
                {t(`web.admin.role.${value}`)}
              </option>
            )}
          </For>
        </select>
        <Show when={error()}>
          <p class="field-error" id={`${selectId}-error`}>
            {error()}
          </p>
        </Show>
      </td>
      <td>
        <Button
          variant="secondary"
          busy={busy()}
          disabled={role() === saved()}
          onClick={save}
          aria-label={t('web.admin.members.save_named', { name: props.user.displayName })}
        >
          {t('web.admin.members.save')}
        </Button>
      </td>
    </tr>
  );
}

function MembersSection(props: { users: AdminUser[]; q: string; role: Role | '' }) {
  const { t } = useApp();
  return (
    <section class="admin-section" aria-labelledby="admin-members">
      <h2 id="admin-members">{t('web.admin.members')}</h2>
      <search aria-label={t('web.admin.members.search')}>
        <form class="form-row admin-filter" method="get" action="/admin">
          <div class="field">
            <label class="field-label" for="admin-q">
              {t('web.admin.members.search')}
            </label>
            <input id="admin-q" class="input" type="search" name="q" value={props.q} maxLength={60} />
          </div>
          <div class="field">
            <label class="field-label" for="admin-role">
              {t('web.admin.members.filter_role')}
            </label>
            <select id="admin-role" class="input select" name="role">
              <option value="" selected={props.role === ''}>
                {t('web.admin.members.any_role')}
              </option>
              <For each={roles}>
                {(value) => (
                  <option value={value} selected={value === props.role}>
                    {t(`web.admin.role.${value}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <Button type="submit" variant="secondary">
            {t('web.admin.members.filter')}
          </Button>
        </form>
      </search>
      <Show when={props.users.length > 0} fallback={<p class="empty">{t('web.admin.members.empty')}</p>}>
        <div class="table-scroll">
          <table class="admin-table">
            <caption class="visually-hidden">{t('web.admin.members')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.admin.members.member')}</th>
                <th scope="col">{t('web.admin.members.since')}</th>
                <th scope="col">{t('web.admin.members.role')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('web.admin.members.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.users}>{(user) => <MemberRow user={user} />}</For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

function AdminPage(props: PageProps<AdminData>) {
  const { t } = useApp();
  return (
    <div class="content stack-large">
      <PageTitle>{t('web.admin.title')}</PageTitle>
      <SettingsSection settings={props.data.settings} />
      <CategoriesSection categories={props.data.categories} />
      <MembersSection users={props.data.users} q={props.data.q} role={props.data.role} />
    </div>
  );
}

export const adminPage = definePage<AdminData>({
  async load({ api, query, url, session }) {
    const current = await session;
    if (!current.user) return { kind: 'redirect', to: signInUrl(url), status: 302 };
    if (current.user.role !== 'admin') return { kind: 'error', status: 403 };
    const q = (query.get('q') ?? '').slice(0, 60);
    const wanted = query.get('role') ?? '';
    const role = (roles as readonly string[]).includes(wanted) ? (wanted as Role) : '';
    const [settings, categories, users] = await Promise.all([
      api.siteSettings(),
      api.categories(),
      api.adminUsers({ q: q || undefined, role: role || undefined }),
    ]);
    if (!settings.ok) return failure(settings, url);
    if (!categories.ok) return failure(categories, url);
    if (!users.ok) return failure(users, url);
    return {
      kind: 'page',
      data: {
        settings: settings.data.settings,
        categories: categories.data.categories,
        users: users.data.users,
        q,
        role,
      },
    };
  },
  head: (data, { t }) => ({
    title: t('web.admin.title'),
    canonical: withQuery('/admin', { q: data.q, role: data.role }),
    noindex: true,
  }),
  component: AdminPage,
});
