// The "Print" button of a letter page: shown only when JavaScript runs; without it,
// the page says to print with the browser.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
