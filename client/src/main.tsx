import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/base.css'
import './styles/editor.css'
import './styles/comments.css'
import './styles/dashboard.css'
import './styles/print.css'
import './styles/notifications.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
