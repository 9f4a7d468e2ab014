// Progressive enhancement for the workspace pages: every form works without this file.
// No inline script anywhere (the Content-Security-Policy forbids it); this file only talks to /api/ and /batch/events.
'use strict'

function composePage() {
  const form = document.getElementById('compose')
  const result = document.getElementById('result')
  if (!form || !result) return
  let timer = null
  let sequence = 0
  const queryString = () => {
    const params = new URLSearchParams()
    for (const [key, value] of new FormData(form)) if (String(value).trim() !== '') params.append(key, String(value))
    return params.toString()
  }
  const update = async () => {
    const qs = queryString()
    const mine = ++sequence
    const response = await fetch(`/api/select?${qs}`, {headers: {accept: 'application/json'}})
    const data = await response.json()
    if (mine !== sequence) return
    history.replaceState(null, '', `/?${qs}`)
    render(data, qs, response.ok)
  }
  const render = (data, qs, ok) => {
    let error = document.getElementById('error')
    if (!ok) {
      if (!error) {
        error = document.createElement('p')
        error.id = 'error'
        error.className = 'error'
        error.setAttribute('role', 'alert')
        result.prepend(error)
      }
      error.textContent = data.error
      return
    }
    error?.remove()
    const count = document.getElementById('count')
    if (!count) {
      // The page was first drawn without a selection: reload it once to get the full layout.
      location.href = `/?${qs}`
      return
    }
    count.textContent = data.countLabel
    count.dataset.count = String(data.counts.recommendations)
    document.getElementById('subtitle').textContent = data.subtitle
    document.getElementById('filters').textContent = data.filters.join(' · ')
    const list = document.getElementById('recs')
    list.replaceChildren(...data.recommendations.map((r) => {
      const li = document.createElement('li')
      li.value = r.number
      const num = document.createElement('span')
      num.className = 'num'
      num.textContent = String(r.number)
      const pages = document.createElement('span')
      pages.className = 'pages'
      pages.textContent = `(${r.guideline} · ${r.pageLabel})`
      li.append(num, ` ${r.text} `, pages)
      return li
    }))
    for (const link of document.querySelectorAll('#downloads a')) {
      const format = link.dataset.format === 'zip' ? 'all' : link.dataset.format
      link.href = `/api/build?${qs}${qs ? '&' : ''}format=${format}`
    }
    document.getElementById('preview').src = `/preview?${qs}`
  }
  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => void update(), 250)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void update()
  })
}

function batchPage() {
  const progress = document.getElementById('progress')
  const bar = document.getElementById('bar')
  if (!progress || progress.dataset.running !== 'yes') return
  // Script on: live events instead of the page reloading itself.
  for (const meta of document.querySelectorAll('meta[http-equiv="refresh"]')) meta.remove()
  const events = new EventSource('/batch/events')
  events.onmessage = (message) => {
    const event = JSON.parse(message.data)
    if (event.type === 'progress') {
      bar.max = event.total
      bar.value = event.done
      progress.textContent = `${event.done} / ${event.total} — ${event.name}`
    } else if (event.type === 'end' || event.type === 'error') {
      events.close()
      location.reload()
    }
  }
  events.onerror = () => {
    events.close()
    setTimeout(() => location.reload(), 2000)
  }
}

document.addEventListener('DOMContentLoaded', () => {
  if (document.body.dataset.page === 'compose') composePage()
  if (document.body.dataset.page === 'batch') batchPage()
})
