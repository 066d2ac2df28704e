/** English strings only the server shows: emails, the unsubscribe page, the API reference. */
export const en = {
  'error.email_unconfirmed':
    'Confirm your email address before you post: open the link we emailed you, or ask for a new one.',
  'mail.greeting': 'Hello {name},',
  'mail.open_post': 'Open the post',
  'mail.open_link': 'Open it',
  'mail.label_value': '{label}: {value}',
  'mail.footer.reason': 'You get this email because “{kind}” emails are on in your {site} settings.',
  'mail.footer.unsubscribe': 'Stop these emails',
  'mail.footer.settings': 'Choose which emails you get',
  'mail.account.verify_email.subject': 'Confirm your email address',
  'mail.account.verify_email.intro':
    'Welcome to {site}! Confirm that this address is yours, so we can email you about answers and help you back into your account {username} if you forget your password.',
  'mail.account.verify_email.action': 'Confirm my address',
  'mail.account.verify_email.note':
    'This link works for 48 hours. If you did not create this account, ignore this email: the address will not be used.',
  'mail.account.reset_password.subject': 'Choose a new password',
  'mail.account.reset_password.intro':
    'Someone, hopefully you, asked to reset the password of your {site} account {username}.',
  'mail.account.reset_password.action': 'Choose a new password',
  'mail.account.reset_password.note':
    'This link works once, for one hour. If you did not ask for it, ignore this email: your password stays as it is.',
  'mail.account.email_taken.subject': 'Someone tried to sign up with your address',
  'mail.account.email_taken.intro':
    'Someone tried to create a new {site} account with this email address. It already belongs to your account {username}. If it was you, sign in to that account instead.',
  'mail.account.email_taken.action': 'Sign in',
  'mail.account.email_taken.reset': 'Forgot your password? Choose a new one',
  'mail.account.email_taken.note':
    'If it was not you, ignore this email: nobody can confirm this address without access to your inbox.',
  'apiref.title': 'Parvis API reference',
  'apiref.description': 'Endpoints of the Parvis JSON API',
  'apiref.machine_readable': 'Machine-readable: {link}.',
  'apiref.errors':
    'Every error is {shape}; messages follow your language (account, cookie or Accept-Language).',
  'apiref.method': 'Method',
  'apiref.path': 'Path',
  'apiref.what': 'What it does',
  'apiref.who': 'Who',
  'apiref.success': 'Success',
  'apiref.body': 'Body:',
  'apiref.query': 'Query:',
  'apiref.who.anyone': 'anyone',
  'apiref.who.user': 'members',
  'apiref.who.staff': 'staff',
  'unsubscribe.confirm_title': 'Stop these emails?',
  'unsubscribe.confirm':
    'Confirm to stop getting “{kind}” emails. These notifications will still appear in {site} when you sign in.',
  'unsubscribe.confirm_button': 'Stop these emails',
  'unsubscribe.title': 'Emails turned off',
  'unsubscribe.done':
    'You will no longer get “{kind}” emails. These notifications still appear in {site} when you sign in.',
  'unsubscribe.undo': 'Turn these emails back on',
  'unsubscribe.resubscribed_title': 'Emails turned back on',
  'unsubscribe.resubscribed': 'You will get “{kind}” emails again.',
  'unsubscribe.settings': 'Choose all your emails',
  'unsubscribe.home': 'Go to {site}',
  'unsubscribe.invalid_title': 'This link does not work',
  'unsubscribe.invalid':
    'This unsubscribe link is incomplete or has been changed. Copy the whole link from the email, or sign in and choose your emails in your settings.',
} as const;

export type ServerMessageKey = keyof typeof en;
