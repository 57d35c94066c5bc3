/** A mistake in how the command was called (exit 64); its message is Swedish and says what to write instead. */
export class UsageError extends Error {}
