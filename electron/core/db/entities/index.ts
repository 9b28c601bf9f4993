import { CampaignEntity, CampaignListEntity, CampaignPauseEntity } from './campaign';
import { ApiTokenEntity } from './api-token';
import { AuditEntryEntity } from './audit-entry';
import { ContactAttributeEntity, ContactEntity, ContactTagEntity } from './contact';
import { ListEntity, ListMemberEntity } from './list';
import { MediaEntity } from './media';
import {
  AutoReplyEntity,
  ConversationLabelEntity,
  ConversationNoteEntity,
  InboxPreferenceEntity,
  InboxSettingEntity,
  QuickReplyEntity,
} from './inbox';
import {
  AlertEntity,
  ConversationEntity,
  MessageEntity,
  MessageStatusEventEntity,
  PhoneNumberEntity,
  TemplateEntity,
  WebhookInboxEntity,
} from './messaging';
import { GettingStartedMarkEntity, OrganizationEntity } from './organization';
import { TunnelSettingsEntity, WebhookCallbackEntity, WebhookFieldStatEntity } from './connectivity';
import { RoleEntity, RolePermissionEntity, UserRoleEntity, WithdrawnPermissionEntity } from './role';
import { SessionEntity } from './session';
import { UserEntity } from './user';
import {
  CampaignPricingEntity,
  MessagingLimitEntity,
  PortfolioReachEntity,
  PriceEntity,
  PriceSettingsEntity,
  PricingBucketEntity,
  QualityHistoryEntity,
} from './health';
import {
  ActivityBucketEntity,
  CampaignMinuteEntity,
  CampaignReplyMarkEntity,
  CampaignTallyEntity,
  ContactTotalsEntity,
  ConversationBucketEntity,
  ConversationOpeningEntity,
} from './dashboard';

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  RoleEntity,
  RolePermissionEntity,
  UserRoleEntity,
  WithdrawnPermissionEntity,
  SessionEntity,
  AuditEntryEntity,
  ContactEntity,
  ContactTagEntity,
  ContactAttributeEntity,
  ListEntity,
  ListMemberEntity,
  ApiTokenEntity,
  PhoneNumberEntity,
  WebhookInboxEntity,
  ConversationEntity,
  MessageEntity,
  MessageStatusEventEntity,
  TemplateEntity,
  AlertEntity,
  MediaEntity,
  CampaignEntity,
  CampaignListEntity,
  ConversationLabelEntity,
  ConversationNoteEntity,
  InboxPreferenceEntity,
  QuickReplyEntity,
  AutoReplyEntity,
  InboxSettingEntity,
  CampaignPauseEntity,
  GettingStartedMarkEntity,
  TunnelSettingsEntity,
  WebhookCallbackEntity,
  WebhookFieldStatEntity,
  MessagingLimitEntity,
  PortfolioReachEntity,
  QualityHistoryEntity,
  PriceEntity,
  PriceSettingsEntity,
  PricingBucketEntity,
  CampaignPricingEntity,
  ActivityBucketEntity,
  CampaignTallyEntity,
  CampaignReplyMarkEntity,
  CampaignMinuteEntity,
  ContactTotalsEntity,
  ConversationBucketEntity,
  ConversationOpeningEntity,
];
