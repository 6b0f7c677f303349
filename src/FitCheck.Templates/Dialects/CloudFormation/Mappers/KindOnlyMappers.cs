using FitCheck.Model;

namespace FitCheck.Templates.Dialects.CloudFormation.Mappers;

/// <summary>Types whose meaning to a design review is their kind: no settings or wiring of their own.</summary>
internal static class KindOnlyMappers
{
    public static IReadOnlyList<ResourceMapper> All { get; } =
    [
        new(["AWS::SecretsManager::Secret"], ResourceMapper.Plain(ComponentKind.Secret), "Name"),
        new(["AWS::SSM::Parameter"], ResourceMapper.Plain(ComponentKind.Parameter), "Name"),
        ResourceMapper.Kind(ComponentKind.Key, "AWS::KMS::Key", "AWS::KMS::Alias"),
        ResourceMapper.Kind(ComponentKind.Deployment, "AWS::CodeDeploy::DeploymentGroup", "AWS::CodeDeploy::Application"),
        ResourceMapper.Kind(ComponentKind.NestedStack, "AWS::Serverless::Application", "AWS::CloudFormation::Stack"),
        ResourceMapper.Kind(ComponentKind.WebAcl, "AWS::WAFv2::WebACL", "AWS::WAF::WebACL", "AWS::WAFRegional::WebACL"),
        ResourceMapper.Kind(ComponentKind.FileSystem, "AWS::EFS::FileSystem", "AWS::EFS::AccessPoint"),
        ResourceMapper.Kind(ComponentKind.Cluster, "AWS::ECS::Cluster", "AWS::EKS::Cluster", "AWS::RDS::DBCluster", "AWS::MSK::Cluster", "AWS::ElastiCache::CacheCluster"),
        ResourceMapper.Kind(ComponentKind.Container, "AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::EC2::Instance", "AWS::AutoScaling::AutoScalingGroup", "AWS::AppRunner::Service"),
    ];
}
