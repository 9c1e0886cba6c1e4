// Autocomplete for the search box: fills its <datalist> from /api/search/suggest/.
(function () {
    "use strict";
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) { return; }
    var timer = null;
    var latest = "";

    function show(suggestions) {
        list.textContent = "";
        suggestions.forEach(function (text) {
            var option = document.createElement("option");
            option.value = text;
            list.appendChild(option);
        });
    }

    function fetchSuggestions() {
        var prefix = input.value.trim();
        latest = prefix;
        if (prefix.length < 2) { show([]); return; }
        var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(prefix);
        fetch(url, { headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
            .then(function (data) { if (data.query === latest || prefix === latest) { show(data.suggestions || []); } })
            .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(fetchSuggestions, 150);
    });
}());
