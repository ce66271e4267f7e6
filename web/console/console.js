// Progressive enhancement only: every page works without this file.
// Modules of the console register here by page (data-page on <main>).
const page = document.querySelector("main")?.dataset.page;
export { page };
// The queue's and case page's shortcuts and image viewer.
import "./review.js";
