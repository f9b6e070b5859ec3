// Progressive enhancement only: every page works without this file.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}
initAll();

// "Copy your code": a button that is shown only where it can work.
for (const button of document.querySelectorAll('[data-module="app-copy"]')) {
  const target = document.getElementById(button.dataset.copyTarget);
  if (!target || !navigator.clipboard) continue;
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(target.textContent.replace(/\s+/g, ""));
    button.textContent = button.dataset.copiedLabel || label;
  });
}

// "Read this to me" on the child's simpler pages: the browser's own voice reads the page's words.
// Shown only where the browser can speak; nothing is sent anywhere.
for (const button of document.querySelectorAll('[data-module="app-read-aloud"]')) {
  const target = document.getElementById(button.dataset.readTarget);
  if (!target || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) continue;
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (window.speechSynthesis.speaking) {
      window.speechSynthesis.cancel();
      button.textContent = label;
      return;
    }
    const words = new SpeechSynthesisUtterance(target.innerText);
    words.lang = document.documentElement.lang === "cy" ? "cy-GB" : "en-GB";
    words.addEventListener("end", () => {
      button.textContent = label;
    });
    button.textContent = button.dataset.stopLabel || label;
    window.speechSynthesis.speak(words);
  });
}
