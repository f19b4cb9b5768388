import { registerEnumType } from 'type-graphql';
import { Tag } from '../../tags/tag';
import { TAG_CATALOG } from '../../tags/tagCatalog';

export { Tag };

registerEnumType(Tag, {
  name: 'Tag',
  description: 'A service tag (服务标签), derived live across departments; see docs/tags.md. Visible and usable as a filter only where the caller\'s policy allows what it reveals.',
  valuesConfig: Object.fromEntries(
    Object.values(TAG_CATALOG).map((d) => [d.tag, { description: `${d.label}: ${d.derivation}.` }]),
  ) as Record<Tag, { description: string }>,
});
