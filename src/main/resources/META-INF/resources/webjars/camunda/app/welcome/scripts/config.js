// Rightsflow's settings for the Camunda Welcome app, where /camunda signs staff in. This file takes the place of the
// webjar's own app/welcome/scripts/config.js (the application's classes come first on the class path).
export default {
  // The language follows the browser's first preferred language, matched on its primary subtag (zh-CN, zh-TW and
  // zh all pick locales/zh.json, Rightsflow's own Simplified Chinese translation); anything else gets English.
  locales: {
    availableLocales: ['en', 'de', 'zh'],
    fallbackLocale: 'en'
  },

  // After sign-in, hand the user on to the app they may use (see scripts/landing.js).
  customScripts: ['scripts/landing']
};
