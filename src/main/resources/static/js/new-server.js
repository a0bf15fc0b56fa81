// Create server: shows the chosen server type's price as the choice changes (the "Update" button does the same
// without a script, and also refreshes the regions with room).
(function () {
  var select = document.getElementById('serverType');
  if (!select) {
    return;
  }
  select.addEventListener('change', function () {
    var option = select.options[select.selectedIndex];
    var hourly = document.getElementById('price-hourly');
    var monthly = document.getElementById('price-monthly');
    if (hourly && monthly && option.dataset.hourly) {
      hourly.textContent = option.dataset.hourly;
      monthly.textContent = option.dataset.monthly;
    }
  });
})();
