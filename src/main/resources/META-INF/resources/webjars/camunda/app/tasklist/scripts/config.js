// Rightsflow's settings for Camunda Tasklist. This file takes the place of the webjar's own
// app/tasklist/scripts/config.js (the application's classes come first on the class path).
export default {
  // The language follows the browser's first preferred language, matched on its primary subtag (zh-CN, zh-TW and
  // zh all pick locales/zh.json, Rightsflow's own Simplified Chinese translation); anything else gets English.
  locales: {
    availableLocales: ['en', 'de', 'zh'],
    fallbackLocale: 'en'
  },

  // Camunda's own keyboard shortcuts, kept as the webjar defines them.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
