// nnbook: a "Copy" button on every code block, in a band above the code so that it never covers
// it. Without JavaScript there is no button (and no band). Its words are the page's language's,
// on this script's element (base.html's `data-copy`, `data-copied`, `data-label`); a base.html
// without them (an earlier theme's) gets English.
var words = document.currentScript.dataset;
if (!words.copy) words = { copy: "Copy", copied: "Copied", label: "Copy the code" };
document.querySelectorAll("pre > code").forEach(function (code) {
  if (!navigator.clipboard) return;
  var pre = code.parentNode;
  var block = document.createElement("div");
  block.className = "code-block";
  pre.parentNode.insertBefore(block, pre);
  block.appendChild(pre);
  var button = document.createElement("button");
  button.type = "button";
  button.className = "copy";
  button.textContent = words.copy;
  button.setAttribute("aria-label", words.label);
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(code.innerText).then(function () {
      button.textContent = words.copied;
      setTimeout(function () { button.textContent = words.copy; }, 1500);
    });
  });
  pre.classList.add("has-copy");
  // The code scrolls sideways on its own now that the button is outside it: keyboard users
  // reach it with Tab.
  pre.tabIndex = 0;
  block.appendChild(button);
});
