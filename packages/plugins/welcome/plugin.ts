import { translate } from '@parvis/domain';
import { definePlugin } from '@parvis/plugin-sdk';
import { welcomeMessages } from './server/messages';

/**
 * Welcome: greets every new member with a personal notification in their own language, and
 * shows newcomers a short "New here?" card on the home page.
 */
export default definePlugin({
  id: 'welcome',
  description: 'Greets each new member with a personal notification in their language.',
  messages: welcomeMessages,
  listeners: {
    'user.registered': async (event, { tx, services }) => {
      await services.notify(tx, {
        userId: event.payload.userId,
        kind: 'welcome',
        data: { name: event.payload.username, url: `/u/${event.payload.username}` },
      });
    },
  },
  routes: (router) => router.get('/tip', (c) => c.json({ tip: translate(c.get('locale'), 'welcome.tip') })),
  operations: [
    {
      method: 'get',
      path: '/tip',
      summary: 'A short tip for newcomers, in your language',
      tag: 'Welcome',
      success: 200,
    },
  ],
});
