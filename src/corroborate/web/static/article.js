// The article page: a field's button lights its evidence in the text; a highlight names its fields.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  var status = document.getElementById("hover-field");
  var marks = Array.prototype.slice.call(text.querySelectorAll("mark"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.field"));

  function marksOf(key) {
    return marks.filter(function (mark) { return mark.dataset.keys.split(" ").indexOf(key) >= 0; });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      marks.forEach(function (mark) { mark.classList.remove("active"); });
      buttons.forEach(function (other) { other.classList.remove("active"); });
      document.querySelectorAll("q.sentence").forEach(function (q) { q.hidden = true; });
      button.classList.add("active");
      var sentence = button.parentNode.querySelector("q.sentence");
      if (sentence) { sentence.hidden = false; }
      var found = marksOf(button.dataset.key);
      found.forEach(function (mark) { mark.classList.add("active"); });
      if (found.length) { found[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
    });
  });

  marks.forEach(function (mark) {
    var keys = mark.dataset.keys.split(" ");
    mark.addEventListener("mouseenter", function () {
      status.textContent = mark.title;
      buttons.forEach(function (button) {
        if (keys.indexOf(button.dataset.key) >= 0) { button.classList.add("hover"); }
      });
    });
    mark.addEventListener("mouseleave", function () {
      buttons.forEach(function (button) { button.classList.remove("hover"); });
    });
  });
})();
