// The "Print this page" button: shown only when this script runs (the CSP allows no inline
// script), it opens the browser's print dialogue; the page's print stylesheet does the rest.
for (const holder of document.querySelectorAll("[data-collegium-print]")) {
  holder.hidden = false;
  holder.querySelector("button").addEventListener("click", () => window.print());
}
