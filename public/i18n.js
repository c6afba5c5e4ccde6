// The page's UI language for the browser scripts: window.ldT("key", { name }) reads the
// `js.*` messages the layout rendered as JSON (#i18n-messages) and fills {placeholders}.
(() => {
  let messages = {};
  try {
    messages = JSON.parse(document.getElementById("i18n-messages")?.textContent || "{}");
  } catch {
    messages = {};
  }
  window.ldT = (key, params) => {
    const text = messages[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name]))) : text;
  };
  window.ldLocale = document.documentElement.lang || "en";
})();
