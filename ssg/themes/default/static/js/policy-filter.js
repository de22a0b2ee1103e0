/* 政策文件筛选：按年份、主题、发文机关、有效性、是否有解读筛选全部文件。
   Progressive enhancement: without JavaScript the form stays hidden and the
   by-year / by-topic / by-issuer pages browse the same library. No outside asset. */
(function () {
  "use strict";
  var form = document.querySelector("form.policy-filter");
  if (!form || !window.fetch) { return; }
  var results = form.querySelector(".policy-filter-results");
  var count = form.querySelector(".policy-filter-count");
  var list = document.querySelector(".policy-list");
  var pager = document.querySelector(".policy-listing .pagination");
  var rows = [];
  var F = {};

  function fill(select, values) {
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
  }

  function unique(index) {
    var seen = {};
    rows.forEach(function (row) { seen[row[index]] = true; });
    return Object.keys(seen).sort();
  }

  function entry(row) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = row[F.url];
    a.textContent = row[F.title];
    li.appendChild(a);
    var facts = document.createElement("span");
    facts.className = "policy-facts";
    facts.textContent = " " + [row[F.doc_number], row[F.date],
      row[F.validity] === "有效" ? "" : row[F.validity]].filter(Boolean).join(" ");
    li.appendChild(facts);
    if (row[F.forms].length) {
      var readings = document.createElement("span");
      readings.className = "policy-readings";
      var label = document.createElement("span");
      label.className = "policy-readings-label";
      label.textContent = "解读：";
      readings.appendChild(label);
      readings.appendChild(document.createTextNode(row[F.forms].join("、")));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(readings);
    }
    return li;
  }

  function apply() {
    var want = {
      year: form.year.value, topic: form.topic.value, issuer: form.issuer.value,
      validity: form.validity.value, reading: form.reading.value
    };
    var active = Object.keys(want).some(function (k) { return want[k]; });
    results.textContent = "";
    if (list) { list.hidden = active; }
    if (pager) { pager.hidden = active; }
    if (!active) { count.textContent = ""; return; }
    var shown = rows.filter(function (row) {
      return (!want.year || row[F.date].slice(0, 4) === want.year) &&
        (!want.topic || row[F.topic] === want.topic) &&
        (!want.issuer || row[F.issuer] === want.issuer) &&
        (!want.validity || row[F.validity] === want.validity) &&
        (!want.reading || (row[F.forms].length > 0) === (want.reading === "yes"));
    });
    shown.forEach(function (row) { results.appendChild(entry(row)); });
    count.textContent = "共找到 " + shown.length + " 件文件";
  }

  fetch(form.getAttribute("data-source"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      data.fields.forEach(function (name, index) { F[name] = index; });
      rows = data.rows;
      var years = {};
      rows.forEach(function (row) { if (row[F.date]) { years[row[F.date].slice(0, 4)] = true; } });
      fill(form.year, Object.keys(years).sort().reverse());
      fill(form.topic, unique(F.topic));
      fill(form.issuer, unique(F.issuer));
      fill(form.validity, unique(F.validity));
      form.hidden = false;
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    })
    .catch(function () { form.hidden = true; });
}());
