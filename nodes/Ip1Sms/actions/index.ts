/** The node's resources, alphabetical: the order of their fields in the node's properties. */
export * as account from './account';
export * as batch from './batch';
export * as blacklist from './blacklist';
export * as contact from './contact';
export * as conversation from './conversation';
export * as label from './label';
export * as landingPage from './landingPage';
export * as landingPageElement from './landingPageElement';
export * as message from './message';
export * as sender from './sender';
export * as setting from './setting';
export * as sms from './sms';
export * as subAccount from './subAccount';
