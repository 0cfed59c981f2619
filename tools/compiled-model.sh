#!/usr/bin/env bash
# Regenerates the EF Core compiled model of the SQLite database (src/ThiDua.Infrastructure/Persistence/CompiledModel)
# after an entity or a configuration changed. CompiledModelTests fails until this is run.
# Needs: dotnet and the NuGet feed (dotnet-ef and Microsoft.EntityFrameworkCore.Design are fetched into a scratch copy,
# so the product itself does not depend on the design-time package).
set -euo pipefail
cd "$(dirname "$0")/.."
EF_VERSION=$(grep -o 'Microsoft.EntityFrameworkCore.Sqlite" Version="[^"]*' Directory.Packages.props | sed 's/.*Version="//')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r src workflows appsettings.json Directory.Build.props Directory.Packages.props "$work/"
find "$work/src" \( -name bin -o -name obj -o -name node_modules \) -prune -exec rm -rf {} +
rm -rf "$work/src/ThiDua.Infrastructure/Persistence/CompiledModel"
# The model is generated from the configurations, so the copy must build without the old compiled model.
sed -i '/b.UseModel(Persistence.CompiledModel/d' "$work/src/ThiDua.Infrastructure/ServiceCollectionExtensions.cs"
cd "$work"
sed -i "s#</ItemGroup>#  <PackageVersion Include=\"Microsoft.EntityFrameworkCore.Design\" Version=\"$EF_VERSION\" />\n  </ItemGroup>#" Directory.Packages.props
sed -i 's#</Project>#  <ItemGroup><PackageReference Include="Microsoft.EntityFrameworkCore.Design" /></ItemGroup>\n</Project>#' src/ThiDua.Web/ThiDua.Web.csproj
dotnet new tool-manifest >/dev/null
dotnet tool install dotnet-ef --version "$EF_VERSION" >/dev/null
dotnet restore src/ThiDua.Web >/dev/null
# The design-time host is the web app on its default SQLite settings; it stops at Build(), so nothing is migrated.
dotnet ef dbcontext optimize -p src/ThiDua.Infrastructure -s src/ThiDua.Web -c ThiDuaDbContext \
  -o Persistence/CompiledModel -n ThiDua.Infrastructure.Persistence.CompiledModel
out="$OLDPWD/src/ThiDua.Infrastructure/Persistence/CompiledModel"
rm -rf "$out"
cp -r src/ThiDua.Infrastructure/Persistence/CompiledModel "$out"
# The assembly attribute would make EF use this model for every provider; only SQLite asks for it (UseModel).
rm "$out/ThiDuaDbContextAssemblyAttributes.cs"
echo "compiled model written to $out"
