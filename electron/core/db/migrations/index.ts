import { People1732406400000 } from './0001-people';
import { Contacts1732406500000 } from './0002-contacts';
import { ApiTokens1732406600000 } from './0003-api-tokens';
import { Messaging1732406800000 } from './0004-messaging';
import { Media1732407200000 } from './0005-media';
import { Campaigns1732407400000 } from './0006-campaigns';
import { CampaignAnalytics1732407600000 } from './0007-campaign-analytics';
import { StatusHistory1732407800000 } from './0008-status-history';
import { TokenExpiry1732408000000 } from './0009-token-expiry';
import { OrganizationSettings1732408200000 } from './0010-organization-settings';
import { CampaignPauses1732408400000 } from './0011-campaign-pauses';
import { Inbox1732408600000 } from './0012-inbox';
import { Replies1732408800000 } from './0013-replies';
import { Connectivity1732409600000 } from './0017-connectivity';
import { LibraryAndNumbers1732409800000 } from './0018-library-and-numbers';
import { WhatsAppHealth1732410200000 } from './0020-whatsapp-health';
import { Dashboard1732410400000 } from './0021-dashboard';
import { ConversationFigures1732410600000 } from './0022-conversation-figures';
import { CustomerIdentity1732410800000 } from './0023-customer-identity';
import { CampaignMinutes1732410900000 } from './0024-campaign-minutes';

/** In the order they run. A new migration is appended here, never edited once released. */
export const MIGRATIONS = [
  People1732406400000,
  Contacts1732406500000,
  ApiTokens1732406600000,
  Messaging1732406800000,
  Media1732407200000,
  Campaigns1732407400000,
  CampaignAnalytics1732407600000,
  StatusHistory1732407800000,
  TokenExpiry1732408000000,
  OrganizationSettings1732408200000,
  CampaignPauses1732408400000,
  Inbox1732408600000,
  Replies1732408800000,
  Connectivity1732409600000,
  LibraryAndNumbers1732409800000,
  WhatsAppHealth1732410200000,
  Dashboard1732410400000,
  ConversationFigures1732410600000,
  CustomerIdentity1732410800000,
  CampaignMinutes1732410900000,
];
