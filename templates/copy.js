// nnbook: a "Copy" button on every code block. Without JavaScript there is no button.
document.querySelectorAll("pre > code").forEach(function (code) {
  if (!navigator.clipboard) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "copy";
  button.textContent = "Copy";
  button.setAttribute("aria-label", "Copy the code");
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(code.innerText).then(function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    });
  });
  code.parentNode.classList.add("has-copy");
  code.parentNode.appendChild(button);
});
