/** English catalog. The French catalog must define exactly the same keys (checked by its type). */
export const en = {
  'app.name': 'Parvis',
  'app.tagline': 'Community, support and ideas',
  'error.validation': 'Some fields need your attention.',
  'error.unauthenticated': 'Please sign in to continue.',
  'error.forbidden': 'You are not allowed to do that.',
  'error.not_found': 'We could not find that.',
  'error.conflict': 'That conflicts with existing data.',
  'error.rate_limited': 'Too many attempts. Please wait a moment and try again.',
  'error.csrf': 'This request did not come from Parvis itself, so it was refused.',
  'error.internal': 'Something went wrong on our side. Nothing you sent was lost; please try again.',
  'error.invalid_credentials': 'Email/username or password is incorrect.',
  'error.username_taken': 'This username is already taken.',
  'error.email_taken': 'An account already uses this email address.',
  'error.payload_too_large': 'That request is too large.',
  'field.required': 'This field is required.',
  'field.too_short': 'Must be at least {min} characters.',
  'field.too_long': 'Must be at most {max} characters.',
  'field.invalid_email': 'Enter a valid email address.',
  'field.invalid_username': 'Use 3–30 letters, digits, “_”, “-” or “.”.',
  'field.invalid': 'This value is not valid.',
  'notification.reply': '{actor} replied to “{topic}”',
  'notification.mention': '{actor} mentioned you in “{topic}”',
  'notification.like': '{actor} liked your post in “{topic}”',
} as const;

export type MessageKey = keyof typeof en;
