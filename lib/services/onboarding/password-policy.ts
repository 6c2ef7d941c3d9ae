// Shared by the invitation service and the browser form, so this module imports nothing server-only.
export const MIN_PASSWORD_LENGTH = 12;
