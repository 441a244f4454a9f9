// "打印本页": open the browser's print dialog; without JavaScript the link shows the print layout.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-print]");
  if (link) {
    event.preventDefault();
    window.print();
  }
});
