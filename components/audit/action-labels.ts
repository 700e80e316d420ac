/** Plain words for the audit actions the product records; unknown ones show their raw name. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "user.signed_in": "Signed in",
  "user.created": "Created user",
  "user.role_changed": "Changed role",
  "user.disabled": "Disabled user",
  "user.enabled": "Enabled user",
  "user.password_reset": "Reset password",
  "user.password_changed": "Changed own password",
  "user.name_changed": "Changed own name",
  "user.access_changed": "Changed connection access",
  "user.signed_out": "Signed out",
  "user.signed_out_everywhere": "Signed out everywhere",
  "user.session_ended": "Ended a session",
  "template.created": "Created template",
  "template.updated": "Edited template",
  "template.deleted": "Deleted template",
  "media.uploaded": "Uploaded media",
  "media.deleted": "Deleted media",
  "profile.updated": "Saved business profile",
  "connection.created": "Linked connection",
  "connection.deleted": "Unlinked connection",
  "connection.default_changed": "Changed default connection",
  "webhook.replayed": "Replayed webhook",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
