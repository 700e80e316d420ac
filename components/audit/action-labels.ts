/** Plain words for the audit actions the product records; unknown ones show their raw name. Browser-safe. */
import type { useTranslations } from "next-intl";

export type AuditTranslator = ReturnType<typeof useTranslations<"audit">>;

/** Recorded action → its message under `audit.actions`. */
const AUDIT_ACTION_KEYS = {
  "user.signed_in": "userSignedIn",
  "user.created": "userCreated",
  "user.role_changed": "userRoleChanged",
  "user.disabled": "userDisabled",
  "user.enabled": "userEnabled",
  "user.password_reset": "userPasswordReset",
  "user.password_changed": "userPasswordChanged",
  "user.name_changed": "userNameChanged",
  "user.preferences_changed": "userPreferencesChanged",
  "user.access_changed": "userAccessChanged",
  "user.signed_out": "userSignedOut",
  "user.signed_out_everywhere": "userSignedOutEverywhere",
  "user.session_ended": "userSessionEnded",
  "template.created": "templateCreated",
  "template.updated": "templateUpdated",
  "template.deleted": "templateDeleted",
  "media.uploaded": "mediaUploaded",
  "media.deleted": "mediaDeleted",
  "profile.updated": "profileUpdated",
  "connection.created": "connectionCreated",
  "connection.authorized": "connectionAuthorized",
  "connection.failed": "connectionFailed",
  "connection.cancelled": "connectionCancelled",
  "connection.unlinked": "connectionUnlinked",
  "connection.default_set": "connectionDefaultSet",
  // Names recorded by earlier versions.
  "connection.deleted": "connectionDeleted",
  "connection.default_changed": "connectionDefaultChanged",
  "webhook.replayed": "webhookReplayed",
  "webhook.callback_registered": "webhookCallbackRegistered",
  "webhook.token_rotated": "webhookTokenRotated",
  "canned_response.created": "cannedResponseCreated",
  "canned_response.updated": "cannedResponseUpdated",
  "canned_response.deleted": "cannedResponseDeleted",
  "conversation_label.created": "conversationLabelCreated",
  "conversation_label.updated": "conversationLabelUpdated",
  "conversation_label.deleted": "conversationLabelDeleted",
  "conversation.labels_changed": "conversationLabelsChanged",
  "inbox_settings.hours_updated": "inboxHoursUpdated",
  "inbox_settings.messages_updated": "inboxMessagesUpdated",
  "inbox_settings.assignment_updated": "inboxAssignmentUpdated",
} as const;

export function auditActionLabel(t: AuditTranslator, action: string): string {
  const key = AUDIT_ACTION_KEYS[action as keyof typeof AUDIT_ACTION_KEYS];
  return key ? t(`actions.${key}`) : action;
}

const TARGET_TYPE_KEYS = {
  user: "user",
  connection: "connection",
  template: "template",
  phone_number: "phoneNumber",
  media: "media",
  webhook_event: "webhookEvent",
  webhooks: "webhooks",
  canned_response: "cannedResponse",
  conversation_label: "conversationLabel",
  conversation: "conversation",
} as const;

/** What kind of thing an entry concerns, in words; an unknown kind as recorded. */
export function auditTargetType(t: AuditTranslator, type: string): string {
  const key = TARGET_TYPE_KEYS[type as keyof typeof TARGET_TYPE_KEYS];
  return key ? t(`targetTypes.${key}`) : type;
}
