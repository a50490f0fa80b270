// The search page's script: looks the query (?q=) up in the Pagefind index beside the site
// and lists the pages found. A classic script (a module is refused on a page opened from
// a file), which loads Pagefind's module only when the page is served. Results are built with textContent: no text from the index is
// read as HTML. Nothing is fetched from anywhere but this site.
const form = document.getElementById("mvk-search");
const field = document.getElementById("mvk-q");
const status = document.getElementById("mvk-search-status");
const list = document.getElementById("mvk-search-results");

function plain(html) {
  // An excerpt marks hits with <mark>; parsed inertly, only its text is kept.
  return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
}

let loading = null;

function loaded() {
  // Pagefind's module, once, with the other parts of a big site's index merged into it
  // (their folders are listed in pagefind/mvkplan-delar.json: none for a site in one part).
  if (loading === null) {
    loading = (async () => {
      const pagefind = await import("./pagefind/pagefind.js");
      const listing = await fetch("pagefind/mvkplan-delar.json");
      if (listing.ok) {
        for (const folder of (await listing.json()).delar) {
          await pagefind.mergeIndex(new URL(folder, window.location.href).pathname);
        }
      }
      return pagefind;
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

async function search(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  if (!/^https?:$/.test(window.location.protocol)) {
    // A browser fetches nothing for a page opened as a file: the index cannot be read.
    status.textContent = "Sökningen fungerar när webbplatsen visas från en webbserver. "
      + "Alla dokument finns via startsidan och länens sidor.";
    return;
  }
  status.textContent = "Söker …";
  let pagefind;
  try {
    pagefind = await loaded();
  } catch (error) {
    status.textContent = "Sökningen är inte tillgänglig på den här webbplatsen.";
    return;
  }
  const found = await pagefind.search(query);
  const pages = await Promise.all(found.results.slice(0, 30).map((r) => r.data()));
  for (const page of pages) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = page.url.replace(/^\/+/, "");
    link.textContent = (page.meta && page.meta.title) || page.url;
    const excerpt = document.createElement("p");
    excerpt.textContent = plain(page.excerpt);
    item.append(link, excerpt);
    list.append(item);
  }
  status.textContent = found.results.length === 0
    ? `Inga träffar för ”${query}”.`
    : `${found.results.length} träffar för ”${query}”.`;
}

const query = new URLSearchParams(window.location.search).get("q") || "";
field.value = query;
search(query);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const next = field.value;
  history.replaceState(null, "", `?q=${encodeURIComponent(next)}`);
  search(next);
});
