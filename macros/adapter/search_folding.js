// Appended by the build (macros/adapter/mkdocs_hooks.py) to the Swedish language support of the
// site's search (lunr.sv, shipped with Material for MkDocs): after the Swedish stemmer, every
// word with an accent is indexed a second time without it, so that "molntjanster", typed without
// å, ä and ö, finds "molntjänster" as well as "molntjänster" does. (Both forms are kept because
// Material adds a wildcard to every typed word, and lunr does not run the pipeline on those.)
// Runs in Material's search worker, not in the page.
(function () {
  "use strict";
  if (typeof lunr === "undefined" || typeof lunr.sv !== "function" || lunr.sv.utanAccenter) return;
  var withoutAccents = function (token) {
    var word = token.toString();
    var plain = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (plain === word) return token;
    return [token, token.clone(function () { return plain; })];
  };
  lunr.Pipeline.registerFunction(withoutAccents, "kategoriplan-utan-accenter");
  var swedish = lunr.sv;
  lunr.sv = function () {
    swedish.apply(this, arguments);
    this.pipeline.add(withoutAccents);
    this.searchPipeline.add(withoutAccents);
  };
  Object.keys(swedish).forEach(function (key) { lunr.sv[key] = swedish[key]; });
  lunr.sv.utanAccenter = true;
})();
