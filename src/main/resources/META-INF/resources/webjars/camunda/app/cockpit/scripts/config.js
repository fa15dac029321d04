// Rightsflow's settings for Camunda Cockpit. This file takes the place of the webjar's own
// app/cockpit/scripts/config.js (the application's classes come first on the class path).
export default {
  // Hides the buttons that change things from a user who may not change them (scripts/read-only.js).
  customScripts: ['scripts/read-only'],

  // The language follows the browser's first preferred language, matched on its primary subtag (zh-CN, zh-TW and
  // zh all pick locales/zh.json, Rightsflow's own Simplified Chinese translation); anything else gets English.
  locales: {
    availableLocales: ['en', 'de', 'zh'],
    fallbackLocale: 'en'
  }
};
