import { useApp } from '../context';
import { formatFullDate, formatRelative, formatStableDate } from '../i18n';

/**
 * A date that renders identically on the server and during hydration (UTC calendar date),
 * then switches to a relative time in the visitor's own time zone.
 */
export function Time(props: { iso: string; class?: string }) {
  const app = useApp();
  return (
    <time
      class={props.class}
      datetime={props.iso}
      title={app.hydrated() ? formatFullDate(app.locale, props.iso) : undefined}
    >
      {app.hydrated()
        ? formatRelative(app.locale, props.iso, Date.now())
        : formatStableDate(app.locale, props.iso)}
    </time>
  );
}
