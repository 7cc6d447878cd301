// The comment upload's column picker: when a CSV file is chosen, offer the names in its first row
// as suggestions for the column fields (a <datalist>). Without JavaScript the fields are plain text.
(function () {
  function splitHeader(line) {
    var out = [], cell = "", quoted = false;
    for (var i = 0; i < line.length; i++) {
      var ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
        else if (ch === '"') { quoted = false; }
        else { cell += ch; }
      } else if (ch === '"') { quoted = true; }
      else if (ch === ",") { out.push(cell.trim()); cell = ""; }
      else { cell += ch; }
    }
    out.push(cell.trim());
    return out.filter(function (c) { return c !== ""; });
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-columns]")) return;
    var list = document.getElementById(input.getAttribute("data-columns"));
    var file = input.files && input.files[0];
    if (!list || !file || !/\.csv$/i.test(file.name)) return;
    file.slice(0, 65536).text().then(function (text) {
      var header = splitHeader(text.replace(/^\uFEFF/, "").split(/\r?\n/)[0] || "");
      list.textContent = "";
      header.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    });
  });
})();
