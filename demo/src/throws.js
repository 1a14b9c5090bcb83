// Throws a TypeError whose message carries details Candor must never record.
const account = { owner: 'alice@example.com', apiToken: 'ghp_demoSecretToken0123456789abcdefABCD' };
function readSecretSetting(settings) {
  return settings.secretDatabasePassword.length;
}
console.log('reading settings for', account.owner);
readSecretSetting(undefined);
