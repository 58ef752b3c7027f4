import { Link } from '../routing/Link'

export function NotFoundPage() {
  return (
    <div className="page narrow">
      <h1>Page not found</h1>
      <p>
        This address does not lead anywhere in Accord. <Link href="/">Go to the drafts</Link>.
      </p>
    </div>
  )
}
