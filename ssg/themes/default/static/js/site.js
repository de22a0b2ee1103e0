/* ssg 默认主题脚本 — the default theme's only script. Hand-written, ES5, no outside asset.
   - 适老化工具栏 (RULES A11Y-03): 字号 (three steps up), 高对比度, 大鼠标, 语音朗读 (the browser's
     own speechSynthesis, only where it exists), 简洁阅读; kept in localStorage ("ssg-a11y") so
     the choice follows the reader from page to page. No pop-up; plain buttons, keyboard-operable.
   - On phones the tools fold behind one button (a disclosure; Escape folds it again).
   - Article tools: 字号 大/中/小 and 打印.
   - 我为政府网站找错 (RULES ID-12): creates the official <script id="_jiucuo_" sitecode=…>,
     whose non-standard attribute would not validate in the HTML itself.
   - Gives the conac / jiucuo badge images an alt text when the official scripts leave it out.
   - Says above a table that scrolls sideways that it does (表格较宽，可左右滑动查看).
   Without JavaScript the page works fully; the tools stay hidden. */
(function () {
  "use strict";
  var KEY = "ssg-a11y";
  var JIUCUO_SRC = "https://zfwzgl.www.gov.cn/exposure/jiucuo.js";
  var TEXT_NAMES = ["标准", "大字", "特大", "超大"];
  var TOGGLE_NAMES = { contrast: "高对比度", cursor: "大鼠标", speech: "语音朗读", simple: "简洁阅读" };
  var SIZE_NAMES = { large: "大", "": "中", small: "小" };
  var root = document.documentElement;
  var synth = window.speechSynthesis;
  var canSpeak = !!(synth && window.SpeechSynthesisUtterance);
  var prefs = load();
  var voice = null;

  function load() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};
    }
  }

  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function toggleClass(name, on) {
    if (on) { root.classList.add(name); } else { root.classList.remove(name); }
  }

  function apply() {
    var text = prefs.text || 0;
    for (var level = 1; level < TEXT_NAMES.length; level++) {
      toggleClass("a11y-text-" + level, text === level);
    }
    toggleClass("a11y-contrast", !!prefs.contrast);
    toggleClass("a11y-cursor", !!prefs.cursor);
    toggleClass("a11y-simple", !!prefs.simple);
    toggleClass("article-size-large", prefs.size === "large");
    toggleClass("article-size-small", prefs.size === "small");
    each("[data-a11y-text]", function (button) {
      button.setAttribute("aria-pressed", String(Number(button.getAttribute("data-a11y-text")) === text));
    });
    each("[data-a11y-toggle]", function (button) {
      button.setAttribute("aria-pressed", String(!!prefs[button.getAttribute("data-a11y-toggle")]));
    });
    each("[data-article-size]", function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-article-size") === (prefs.size || "")));
    });
  }

  function announce(message) {
    var status = document.getElementById("a11y-status");
    if (status) { status.textContent = message; }
  }

  function set(name, value) {
    if (value === undefined || value === false || value === 0 || value === "") {
      delete prefs[name];
    } else {
      prefs[name] = value;
    }
    save();
    apply();
  }

  /* --- 语音朗读 ----------------------------------------------------------------------- */

  function pickVoice() {
    var voices = synth.getVoices ? synth.getVoices() : [];
    voice = null;
    for (var i = 0; i < voices.length; i++) {
      if (/^zh(-|_|$)/i.test(voices[i].lang)) { voice = voices[i]; break; }
    }
  }

  function speak(text) {
    if (!canSpeak) { return; }
    synth.cancel();
    text = (text || "").replace(/\s+/g, " ").trim();
    if (!text) { return; }
    // Short utterances: long ones stop half-way in some browsers.
    var parts = text.match(/[^。！？；!?;]+[。！？；!?;]?/g) || [text];
    parts.forEach(function (part) {
      var utterance = new window.SpeechSynthesisUtterance(part);
      utterance.lang = "zh-CN";
      utterance.rate = 0.9;
      if (voice) { utterance.voice = voice; }
      synth.speak(utterance);
    });
  }

  function readPage() {
    var selection = window.getSelection ? String(window.getSelection()) : "";
    var target = document.querySelector("main article") || document.getElementById("main");
    speak(selection.trim() ? selection : target ? target.innerText : "");
  }

  function readElement(element) {
    if (!prefs.speech || !element || element.closest("#a11y-bar")) { return; }
    var text = element.getAttribute("aria-label") || element.innerText || element.value || element.alt || "";
    speak(text.slice(0, 400));
  }

  var hoverTimer = null;
  function onHover(event) {
    if (!prefs.speech) { return; }
    var target = event.target.closest && event.target.closest("a, button, h1, h2, h3, h4, p, li, dt, dd, th, td, label, caption, img");
    if (!target) { return; }
    window.clearTimeout(hoverTimer);
    hoverTimer = window.setTimeout(function () { readElement(target); }, 400);
  }

  /* --- wiring ------------------------------------------------------------------------ */

  function fold(button, open) {
    button.setAttribute("aria-expanded", String(open));
    document.getElementById("a11y-bar").classList.toggle("open", open);
  }

  // Escape folds the phone toolbar again from anywhere inside it and puts the focus back on
  // its button, as a keyboard user expects of a disclosure.
  function onKey(event) {
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    var button = document.querySelector(".a11y-open");
    var bar = document.getElementById("a11y-bar");
    if (!button || button.getAttribute("aria-expanded") !== "true" || !bar.contains(document.activeElement)) { return; }
    fold(button, false);
    button.focus();
  }

  function onClick(event) {
    var button = event.target.closest && event.target.closest("button");
    if (!button) { return; }
    if (button.classList.contains("a11y-open")) {
      fold(button, button.getAttribute("aria-expanded") !== "true");
    } else if (button.hasAttribute("data-a11y-text")) {
      var level = Number(button.getAttribute("data-a11y-text"));
      set("text", level);
      announce("字号：" + TEXT_NAMES[level]);
    } else if (button.hasAttribute("data-a11y-toggle")) {
      var name = button.getAttribute("data-a11y-toggle");
      var on = !prefs[name];
      set(name, on);
      announce(TOGGLE_NAMES[name] + (on ? "已开启" : "已关闭"));
      if (name === "speech") {
        if (on) { readPage(); } else if (canSpeak) { synth.cancel(); }
      }
    } else if (button.hasAttribute("data-a11y-reset")) {
      prefs = {};
      save();
      apply();
      if (canSpeak) { synth.cancel(); }
      announce("已恢复默认显示");
    } else if (button.hasAttribute("data-article-size")) {
      var size = button.getAttribute("data-article-size");
      set("size", size);
      announce("正文字号：" + SIZE_NAMES[size]);
    } else if (button.hasAttribute("data-print")) {
      window.print();
    }
  }

  function jiucuo() {
    var slot = document.querySelector("[data-jiucuo-sitecode]");
    if (!slot || document.getElementById("_jiucuo_")) { return; }
    var script = document.createElement("script");
    script.id = "_jiucuo_";
    script.setAttribute("sitecode", slot.getAttribute("data-jiucuo-sitecode"));
    script.src = JIUCUO_SRC;
    slot.appendChild(script);
  }

  function badgeAlt() {
    each(".badge-slot img:not([alt])", function (img) {
      img.setAttribute("alt", img.closest(".conac") ? "党政机关网站标识" : "我为政府网站找错");
    });
  }

  // A table wider than its box scrolls inside it (WCAG 1.4.10 allows that for data tables),
  // but nothing showed that it did: a reader at 320 px or with larger text saw a table cut at
  // the edge. A line above such a box says so, kept right as the text size or the screen changes.
  function scrollHints() {
    each(".table-wrap", function (wrap) {
      var hint = wrap.previousElementSibling;
      if (!hint || !hint.classList.contains("table-scroll-hint")) {
        hint = document.createElement("p");
        hint.className = "table-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "表格较宽，可左右滑动查看 →";
        wrap.parentNode.insertBefore(hint, wrap);
      }
      hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1;
    });
  }

  function watchTables() {
    scrollHints();
    if (window.ResizeObserver) {
      var observer = new window.ResizeObserver(scrollHints);
      each(".table-wrap, .table-wrap > table", function (box) { observer.observe(box); });
    } else {
      window.addEventListener("resize", scrollHints);
    }
  }

  function start() {
    var bar = document.getElementById("a11y-bar");
    if (bar) { bar.hidden = false; }
    each(".article-tools", function (tools) { tools.hidden = false; });
    if (canSpeak) {
      each('[data-a11y-toggle="speech"]', function (button) { button.hidden = false; });
      pickVoice();
      if ("onvoiceschanged" in synth) { synth.onvoiceschanged = pickVoice; }
      document.addEventListener("focusin", function (event) { readElement(event.target); });
      document.addEventListener("mouseover", onHover);
    } else if (prefs.speech) {
      set("speech", false);
    }
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    apply();
    jiucuo();
    badgeAlt();
    watchTables();
    if (window.MutationObserver) {
      var observer = new window.MutationObserver(badgeAlt);
      each(".badge-slot", function (slot) { observer.observe(slot, { childList: true, subtree: true }); });
    }
    // Another tab changed the choice: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) { prefs = load(); apply(); }
    });
  }

  // For theme authors and tests: read or set a choice as the toolbar does.
  window.ssgA11y = {
    get: function (name) { return prefs[name]; },
    set: set,
    reset: function () { prefs = {}; save(); apply(); }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
