// The web edition's behaviour; every page works without it (links, forms, the plain list of the search page).
(function () {
  'use strict'
  var status = document.getElementById('site-status')

  // Copy a recommendation's link: the link itself goes to its anchor; with the clipboard, its address is copied too.
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a.rec-link') : null
    if (!link) return
    var url = new URL(link.getAttribute('href'), location.href).href
    if (!navigator.clipboard || !navigator.clipboard.writeText) return
    navigator.clipboard.writeText(url).then(function () {
      if (status) status.textContent = (document.body.dataset.copied || '{url}').replace('{url}', url)
    }, function () { /* No clipboard permission: the link still leads to the recommendation. */ })
  })

  var indexElement = document.getElementById('search-index')
  if (!indexElement || typeof MiniSearch === 'undefined') return

  // The same folding as the index was built with (source/site/search-index.ts: foldTerm).
  function fold(term) { return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() }
  var index = MiniSearch.loadJSON(indexElement.textContent, {fields: ['text'], idField: 'number', processTerm: fold})
  var labels = JSON.parse(document.getElementById('search-labels').textContent)
  var list = document.getElementById('search-list')
  var items = Array.prototype.slice.call(list.children)
  var byNumber = {}
  items.forEach(function (item) { byNumber[item.dataset.rec] = item })
  var form = document.getElementById('search-form')
  var input = document.getElementById('q')
  var searchStatus = document.getElementById('search-status')

  function show(query) {
    query = query.trim()
    if (query === '') {
      items.forEach(function (item) { item.hidden = false; list.appendChild(item) })
      searchStatus.textContent = ''
      return
    }
    var results = index.search(query, {prefix: true, combineWith: 'AND'})
    var found = {}
    results.forEach(function (result) { found[result.id] = true })
    items.forEach(function (item) { item.hidden = !found[item.dataset.rec] })
    // Best match first.
    results.forEach(function (result) { var item = byNumber[result.id]; if (item) list.appendChild(item) })
    var message = results.length === 0 ? labels.none : results.length === 1 ? labels.one : labels.many
    searchStatus.textContent = message.replace('{count}', String(results.length)).replace('{query}', query)
  }

  var initial = new URLSearchParams(location.search).get('q') || ''
  input.value = initial
  show(initial)
  var timer = null
  input.addEventListener('input', function () {
    clearTimeout(timer)
    timer = setTimeout(function () { show(input.value) }, 120)
  })
  form.addEventListener('submit', function (event) {
    event.preventDefault()
    clearTimeout(timer)
    var url = new URL(location.href)
    url.searchParams.set('q', input.value)
    try { history.replaceState(null, '', url.href) } catch (error) { /* Some file:// pages may not change their address. */ }
    show(input.value)
  })
})()
