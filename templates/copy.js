// nnbook: a "Copy" button on every code block. Without JavaScript there is no button.
var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
var words = zh ? { copy: "复制", copied: "已复制", label: "复制代码" } : { copy: "Copy", copied: "Copied", label: "Copy the code" };
document.querySelectorAll("pre > code").forEach(function (code) {
  if (!navigator.clipboard) return;
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
  code.parentNode.classList.add("has-copy");
  code.parentNode.appendChild(button);
});
